using Ledger.Drafting;
using Ledger.Incidents;

namespace Ledger.Tests.Drafting;

/// <summary>Each way the drafter reads a date, against a publication on Tuesday 9 June 2020; the cases come from the
/// survivors of the mutation run over Drafting.</summary>
public sealed class DraftDateTests
{
    private static readonly DateTimeOffset Published = new(2020, 6, 9, 8, 0, 0, TimeSpan.Zero);

    private static DraftDate Date(string text) =>
        Drafter.Draft(new DraftRequest(text, Published, Source: "publisher")).Drafts.Last().Occurred;

    [Theory]
    [InlineData("ISIS killed 5 soldiers.", "2020-06-01", DatePrecision.Month)]
    [InlineData("Yesterday ISIS killed 5 soldiers.", "2020-06-08", DatePrecision.Day)]
    [InlineData("Last month ISIS killed 5 soldiers.", "2020-05-01", DatePrecision.Month)]
    [InlineData("Earlier this month ISIS killed 5 soldiers.", "2020-06-01", DatePrecision.Month)]
    [InlineData("On Wednesday ISIS killed 5 soldiers.", "2020-06-03", DatePrecision.Day)]
    [InlineData("On 2 May, ISIS killed 5 soldiers.", "2020-05-02", DatePrecision.Day)]
    [InlineData("On May 2, 2019, ISIS killed 5 soldiers.", "2019-05-02", DatePrecision.Day)]
    [InlineData("On June 9 ISIS killed 5 soldiers.", "2020-06-09", DatePrecision.Day)]
    [InlineData("On June 20 ISIS killed 5 soldiers.", "2019-06-20", DatePrecision.Day)]
    [InlineData("On February 30 ISIS killed 5 soldiers.", "2020-06-01", DatePrecision.Month)]
    [InlineData("In 2019 ISIS killed 5 soldiers.", "2019-01-01", DatePrecision.Year)]
    [InlineData("يوم الأربعاء قتل داعش 5 جنود.", "2020-06-03", DatePrecision.Day)]
    [InlineData("قتل داعش 5 جنود اليوم.", "2020-06-09", DatePrecision.Day)]
    [InlineData("مقتل 5 جنود في 2019.", "2019-01-01", DatePrecision.Year)]
    [InlineData("مقتل 5 جنود هذا الشهر.", "2020-06-01", DatePrecision.Month)]
    [InlineData("Daesh confirmed his death in 2019. In August of that year ISIS killed 5 soldiers.", "2019-08-01", DatePrecision.Month)]
    public void A_date_is_read_as_the_text_gives_it(string text, string date, DatePrecision precision) =>
        Date(text).Should().Be(new DraftDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), precision));

    /// <summary>A running total is a figure for a period, never one incident on the day it was published (the Arab
    /// Weekly's "an estimated 515 ... since March 2019" once became 515 deaths on one day): the draft carries its period.</summary>
    [Theory]
    [InlineData("Since 2019 ISIS killed 5 soldiers.", "2019-01-01")]
    [InlineData("مقتل 5 جنود منذ 2019.", "2019-01-01")]
    [InlineData("Attacks have killed an estimated 515 soldiers since March 2019.", "2019-03-01")]
    [InlineData("Since March 24, 2019, the SOHR has documented the killing of at least 570 soldiers.", "2019-03-24")]
    [InlineData("More than 30 civilians have been killed in Idlib since the start of the month.", "2020-06-01")]
    [InlineData("At least 1,200 civilians had been killed since January.", "2020-01-01")]
    public void A_total_since_a_date_is_drafted_with_its_period(string text, string from)
    {
        var draft = Drafter.Draft(new DraftRequest(text, Published, Source: "publisher")).Drafts.Should().ContainSingle().Subject;
        draft.Total.Should().Be(new DraftPeriod(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2020, 6, 9)));
        Drafter.Draft(new DraftRequest("ISIS killed 5 soldiers on Monday.", Published, Source: "publisher")).Drafts.Single().Total.Should().BeNull();
    }
}
