using Ledger.Incidents;

namespace Ledger.Tests;

/// <summary>Which days a date stands for, and how it reads: each precision, each way an interval can lie across
/// months and years, and an explicit end overriding the precision's own.</summary>
public sealed class OccurrenceTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    public static TheoryData<Occurrence, DateOnly, DateOnly, string> Dates => new()
    {
        { new Occurrence(D(2024, 1, 9)), D(2024, 1, 9), D(2024, 1, 9), "9 January 2024" },
        { new Occurrence(D(2019, 10, 1), DatePrecision.Week), D(2019, 10, 1), D(2019, 10, 7), "1–7 October 2019" },
        { new Occurrence(D(2024, 1, 28), DatePrecision.Week), D(2024, 1, 28), D(2024, 2, 3), "28 January – 3 February 2024" },
        { new Occurrence(D(2023, 12, 28), DatePrecision.Week), D(2023, 12, 28), D(2024, 1, 3), "28 December 2023 – 3 January 2024" },
        { new Occurrence(D(2020, 6, 17), DatePrecision.Month), D(2020, 6, 1), D(2020, 6, 30), "June 2020" },
        { new Occurrence(D(2024, 2, 10), DatePrecision.Month), D(2024, 2, 1), D(2024, 2, 29), "February 2024" },
        { new Occurrence(D(2023, 5, 5), DatePrecision.Year), D(2023, 1, 1), D(2023, 12, 31), "2023" },
        // An explicit end wins over the precision's own last day.
        { new Occurrence(D(2020, 6, 17), DatePrecision.Month, D(2020, 7, 2)), D(2020, 6, 1), D(2020, 7, 2), "1 June – 2 July 2020" },
        { new Occurrence(D(2020, 6, 2), EndDate: D(2020, 6, 30)), D(2020, 6, 2), D(2020, 6, 30), "2–30 June 2020" },
        { new Occurrence(D(2023, 1, 1), EndDate: D(2023, 2, 3)), D(2023, 1, 1), D(2023, 2, 3), "1 January – 3 February 2023" },
        { new Occurrence(D(2023, 11, 5), EndDate: D(2023, 12, 31)), D(2023, 11, 5), D(2023, 12, 31), "5 November – 31 December 2023" },
        { new Occurrence(D(2022, 1, 1), EndDate: D(2023, 12, 31)), D(2022, 1, 1), D(2023, 12, 31), "1 January 2022 – 31 December 2023" },
        { new Occurrence(D(2019, 10, 5), EndDate: D(2020, 10, 7)), D(2019, 10, 5), D(2020, 10, 7), "5 October 2019 – 7 October 2020" },
        { new Occurrence(D(2024, 1, 9), EndDate: D(2024, 1, 9)), D(2024, 1, 9), D(2024, 1, 9), "9 January 2024" },
    };

    [Theory, MemberData(nameof(Dates))]
    public void A_date_stands_for_its_days_and_reads_as_precisely_as_it_is_known(Occurrence date, DateOnly start, DateOnly end, string text)
    {
        (date.Start, date.End).Should().Be((start, end));
        date.Text.Should().Be(text);
    }

    [Fact]
    public void An_end_may_not_come_before_the_first_day_the_date_stands_for()
    {
        var today = D(2024, 3, 1);
        new Occurrence(D(2024, 1, 20), DatePrecision.Month, D(2024, 1, 1)).Validate("occurred", today)
            .Should().BeNull("a month-precise date starts on the month's first day");
        var error = new Occurrence(D(2024, 1, 20), DatePrecision.Month, D(2023, 12, 31)).Validate("occurred", today)!;
        (error.Field, error.Message).Should().Be(("occurred.endDate", "occurred.endDate is before occurred.date"));
        var future = new Occurrence(D(2024, 1, 20), EndDate: D(2024, 3, 2)).Validate("occurred", today)!;
        (future.Field, future.Message).Should().Be(("occurred.endDate", "occurred.endDate 2024-03-02 is in the future"));
    }
}
