using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Tests;

/// <summary>The rows of a figures export: every report and revision in log order, each with its own value, quote,
/// URL, dates and position, and how it stands now.</summary>
public sealed class FigureReportsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 10, 8, 0, 0, TimeSpan.Zero);

    private static FigureReported Reported(string id, string source, int n, string quote) => new(id, source, SourceKind.Monitor, 1,
        FigureCategory.Killed, "civilians", PartyClass.Civilians, new ExactValue(n), Certainty.Reported, T0.AddDays(n), $"https://x.test/{quote}", quote, null);

    [Fact]
    public void Each_report_keeps_its_own_words_and_says_whether_it_still_stands()
    {
        IIncidentEvent[] log =
        [
            new IncidentReported("x", "An attack", new Occurrence(new DateOnly(2024, 1, 9)), new Location("SY", "sy04"), "ambush", null, null),
            Reported("a", "sohr", 14, "q14"),
            Reported("b", "amaq", 20, "q20"),
            new FigureRevised("a", new AtLeastValue(16), T0.AddDays(30), "new count", "https://x.test/q16", "q16"),
            Reported("c", "afp", 3, "q3"),
            new FigureRetracted("b", "withdrawn"),
            new FigureDisputed("d1", "c", "sohr", "double-counted", null, null),
            new DisputeResolved("d1", "c", DisputeOutcome.Upheld, "upheld"),
            new FigureRevised("a", new ExactValue(18), null, "final", null),
        ];
        var events = log.Select((e, i) => (e, new EventContext(i + 1, 100 + i, T0.AddHours(i), "coder"))).ToList();

        var rows = FigureReports.Of(events);

        rows.Select(r => (r.Figure.FigureId, r.Value, r.Status, r.Position, r.RecordedAt, r.PublishedAt, r.Url, r.Quote)).Should().Equal(
            ("a", (FigureValue)new ExactValue(14), FigureReportStatus.Revised, 101L, T0.AddHours(1), (DateTimeOffset?)T0.AddDays(14), "https://x.test/q14", "q14"),
            ("b", new ExactValue(20), FigureReportStatus.Retracted, 102L, T0.AddHours(2), T0.AddDays(20), "https://x.test/q20", "q20"),
            ("a", new AtLeastValue(16), FigureReportStatus.Revised, 103L, T0.AddHours(3), T0.AddDays(30), "https://x.test/q16", "q16"),
            ("c", new ExactValue(3), FigureReportStatus.Excluded, 104L, T0.AddHours(4), T0.AddDays(3), "https://x.test/q3", "q3"),
            ("a", new ExactValue(18), FigureReportStatus.Current, 108L, T0.AddHours(8), null, null, null));
        rows.Should().AllSatisfy(r => r.Figure.Should().BeSameAs(rows.Last(x => x.Figure.FigureId == r.Figure.FigureId).Figure,
            "each row carries the figure as it stands at the end of the log"));
    }
}
