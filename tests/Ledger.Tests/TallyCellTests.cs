using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;

namespace Ledger.Tests;

/// <summary>How incidents fill tally cells, and how a date range splits into whole months and edge days.</summary>
public sealed class TallyCellTests
{
    private static readonly DateOnly May9 = new(2024, 5, 9);

    private static TallyContribution Row(PartyClass partyClass, long? best, bool contested = false, bool disputed = false, string? admin1 = "sy04",
        DateOnly? from = null, DateOnly? to = null) =>
        new("i1", FigureCategory.Killed, partyClass, "SY", admin1, from ?? May9, to ?? from ?? May9, best, best, best is null ? null : best + 2,
            best is null ? 1 : 0, contested, disputed);

    private static CellKey Key(char span, string partyClass, string admin1 = "sy04") =>
        span == CellKey.Month
            ? new("SY", admin1, span, new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31), "killed", partyClass)
            : new("SY", admin1, span, May9, May9, "killed", partyClass);

    [Fact]
    public void An_incident_in_two_classes_counts_once_in_the_all_classes_cell()
    {
        var cells = TallyCells.Of([Row(PartyClass.StateForces, 14), Row(PartyClass.Civilians, 3, contested: true)]);
        cells.Keys.Should().HaveCount(6, "month and interval cells, for each class and for all classes");
        foreach (var span in new[] { CellKey.Month, CellKey.Interval })
        {
            cells[Key(span, CellKey.AllClasses)].All.Should().Be(new CellSums(1, 1, 17, 17, 21, 0, 1, 0));
            cells[Key(span, CellKey.AllClasses)].WithoutClaims.Should().Be(new CellSums(1, 1, 14, 14, 16, 0, 0, 0));
            cells[Key(span, "state-forces")].All.Should().Be(new CellSums(1, 1, 14, 14, 16, 0, 0, 0));
            cells[Key(span, "civilians")].WithoutClaims.Should().Be(default(CellSums), "its only row rests on claims");
        }
    }

    [Fact]
    public void An_unquantified_row_counts_the_incident_but_gives_no_number()
    {
        var cell = TallyCells.Of([Row(PartyClass.Civilians, null, disputed: true, admin1: null)])[Key(CellKey.Interval, "civilians", admin1: "")];
        cell.All.Should().Be(new CellSums(1, 0, 0, 0, 0, 1, 0, 1));
    }

    [Fact]
    public void An_incident_dated_to_a_month_is_in_that_month_and_in_its_own_interval_never_on_its_first_day()
    {
        var june = TallyCells.Of([Row(PartyClass.StateForces, 8, from: new DateOnly(2020, 6, 1), to: new DateOnly(2020, 6, 30))]);
        june.Keys.Select(k => (k.Span, k.Period, k.End)).Distinct().Should().BeEquivalentTo(new[]
        {
            (CellKey.Month, new DateOnly(2020, 6, 1), new DateOnly(2020, 6, 30)),
            (CellKey.Interval, new DateOnly(2020, 6, 1), new DateOnly(2020, 6, 30)),
        });
    }

    [Fact]
    public void An_incident_whose_dates_cross_a_months_end_is_in_no_month_cell()
    {
        // A week from 29 September 2019: it may have happened in September or in October.
        var week = TallyCells.Of([Row(PartyClass.StateForces, 5, from: new DateOnly(2019, 9, 29), to: new DateOnly(2019, 10, 5))]);
        week.Keys.Should().OnlyContain(k => k.Span == CellKey.Months && k.Period == new DateOnly(2019, 9, 29) && k.End == new DateOnly(2019, 10, 5));
        week.Keys.Should().HaveCount(2, "its class and all classes");
    }

    [Fact]
    public void A_change_moves_only_the_cells_it_changes()
    {
        var before = new[] { Row(PartyClass.StateForces, 14), Row(PartyClass.Civilians, 3) };
        var after = new[] { Row(PartyClass.StateForces, 20), Row(PartyClass.Civilians, 3) };
        TallyCells.Delta(before, after).Select(d => (d.Key.PartyClass, d.Delta.All.Best, d.Delta.All.Incidents)).Should().BeEquivalentTo(
            [("state-forces", 6L, 0L), ("state-forces", 6L, 0L), ("*", 6L, 0L), ("*", 6L, 0L)]);
        TallyCells.Delta(before, []).Should().OnlyContain(d => d.Delta.All.Incidents == -1, "a retracted incident leaves every cell");
        TallyCells.Delta(before, before).Should().BeEmpty();
    }

    [Fact]
    public void Cell_sums_add_and_subtract_field_by_field()
    {
        var a = new CellSums(1, 2, 3, 4, 5, 6, 7, 8);
        var b = new CellSums(10, 20, 30, 40, 50, 60, 70, 80);
        (a + b).Should().Be(new CellSums(11, 22, 33, 44, 55, 66, 77, 88));
        (b - a).Should().Be(new CellSums(9, 18, 27, 36, 45, 54, 63, 72));
        (a - a).IsZero.Should().BeTrue();

        var value = new CellValue(a, b);
        (value + value - value).Should().Be(value);
        (value + new CellValue(b, a)).Should().Be(new CellValue(a + b, a + b));
        new CellValue(default, a).IsZero.Should().BeFalse("a cell with only claim-free sums still holds something");
        new CellValue(a, default).IsZero.Should().BeFalse();
        default(CellValue).IsZero.Should().BeTrue();
    }

    [Theory]
    [InlineData(null, null, "0001-01-01", "9999-12-31", "0001-01-01", "9999-12-31")]
    [InlineData("2024-05-01", "2024-06-30", "2024-05-01", "2024-06-30", "2024-05-01", "2024-07-01")]
    [InlineData("2024-05-10", "2024-07-15", "2024-05-10", "2024-07-15", "2024-06-01", "2024-07-01")]
    [InlineData("2024-05-10", "2024-05-20", "2024-05-10", "2024-05-20", "2024-05-21", "2024-05-21")]
    [InlineData("2024-05-10", null, "2024-05-10", "9999-12-31", "2024-06-01", "9999-12-31")]
    [InlineData(null, "2024-02-29", "0001-01-01", "2024-02-29", "0001-01-01", "2024-03-01")]
    [InlineData("2024-12-31", "2025-01-01", "2024-12-31", "2025-01-01", "2025-01-02", "2025-01-02")]
    public void A_date_range_reads_whole_months_from_month_cells_and_its_edges_from_day_cells(
        string? from, string? to, string lo, string hi, string wholeFrom, string wholeTo)
    {
        static DateOnly? D(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        TallyQueries.Spans(D(from), D(to)).Should().Be((D(lo)!.Value, D(hi)!.Value, D(wholeFrom)!.Value, D(wholeTo)!.Value));
    }
}
