using System.Diagnostics;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Server.Web;

namespace Ledger.IntegrationTests.Web;

/// <summary>An incident's page costs time in proportion to its events, not to their square: the timeline of an
/// incident with eight times the events takes well under sixteen times as long to draw (its square would take
/// sixty-four). Measured as a ratio in one run, so the machine's speed does not matter.</summary>
public sealed class IncidentPageCostTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 10, 8, 0, 0, TimeSpan.Zero);

    /// <summary>An import's worth: every event within the hour (the timeline then spreads them in recorded order),
    /// 100 figures each revised again and again, with a dispute now and then.</summary>
    private static List<IncidentHistoryEntry> History(int events)
    {
        var history = new List<IncidentHistoryEntry>();
        for (var i = 0; i < events; i++)
        {
            var figure = $"sohr:killed:party-{i % 100}";
            var type = i < 100 ? "FigureReported" : i % 10 == 0 ? "FigureDisputed" : "FigureRevised";
            history.Add(new IncidentHistoryEntry(i + 1, "big", i + 1, type, T0.AddMilliseconds(i / 3), "import", figure, null,
                type == "FigureReported" ? null : new ExactValue(i), type == "FigureDisputed" ? null : new ExactValue(i + 1), null, FigureStatus.Active, "recount"));
        }
        return history;
    }

    private static TimeSpan Time(List<IncidentHistoryEntry> history)
    {
        var clock = Stopwatch.StartNew();
        RevisionTimeline.Render(history).Should().Contain("</svg>");
        return clock.Elapsed;
    }

    [Fact]
    public void Eight_times_the_events_take_well_under_sixteen_times_as_long_to_draw()
    {
        var (small, large) = (History(1_000), History(8_000));
        Time(small); // warm up
        Time(large);
        // The fastest of seven runs of each, taken in turns: a busy machine (a parallel test class, a mutation run)
        // slows single runs, rarely all seven of one size.
        var (fastSmall, fastLarge) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var run = 0; run < 7; run++)
        {
            if (Time(small) is var s && s < fastSmall) fastSmall = s;
            if (Time(large) is var l && l < fastLarge) fastLarge = l;
        }
        var ratio = fastLarge / fastSmall;
        ratio.Should().BeLessThan(16, "drawing is linear in the events (a square would be 64 times)");
    }
}
