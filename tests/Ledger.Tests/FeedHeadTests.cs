using FsCheck;
using FsCheck.Xunit;
using Ledger.EventStore;

namespace Ledger.Tests;

/// <summary>The feed's head from the newest events (newest first) and whether each one's writer is older than
/// every open transaction ("settled"): gaps below a settled event are final, gaps above it are waited at.</summary>
public sealed class FeedHeadTests
{
    private static (long, bool)[] Tail(params (long Position, bool Settled)[] rows) => rows;

    [Fact]
    public void With_nothing_open_the_head_is_the_newest_event_even_past_gaps() =>
        EventFeed.Head(Tail((9, true), (7, true), (3, true)), complete: true).Should().Be(9);

    [Fact]
    public void Unsettled_events_count_while_they_follow_without_a_gap() =>
        EventFeed.Head(Tail((12, false), (11, false), (10, true), (8, true)), complete: false).Should().Be(12);

    [Fact]
    public void The_head_stops_before_a_gap_an_open_transaction_may_fill() =>
        EventFeed.Head(Tail((14, false), (13, false), (11, false), (10, true)), complete: false).Should().Be(11, "12 may still commit");

    [Fact]
    public void A_window_without_a_settled_event_asks_for_a_wider_one() =>
        EventFeed.Head(Tail((14, false), (13, false)), complete: false).Should().BeNull();

    [Fact]
    public void A_whole_log_of_unsettled_events_is_walked_from_position_one()
    {
        EventFeed.Head(Tail((3, false), (2, false), (1, false)), complete: true).Should().Be(3);
        EventFeed.Head(Tail((3, false), (2, false)), complete: true).Should().Be(0, "position 1 may still commit");
        EventFeed.Head([], complete: true).Should().Be(0);
    }

    [Property]
    public void The_head_is_never_past_a_gap_above_the_newest_settled_event(PositiveInt[] raw, NonNegativeInt settledCount)
    {
        var positions = raw.Select(p => (long)p.Get).Distinct().OrderByDescending(p => p).ToArray();
        var settledFrom = Math.Min(settledCount.Get, positions.Length);
        // The oldest events are the settled ones: writers are ordered like their positions.
        var tail = positions.Select((p, i) => (p, i >= positions.Length - settledFrom)).ToArray();
        var head = EventFeed.Head(tail, complete: true)!.Value;
        var floor = settledFrom > 0 ? positions[positions.Length - settledFrom] : 0;
        head.Should().BeGreaterThanOrEqualTo(floor);
        for (var p = floor + 1; p <= head; p++) positions.Should().Contain(p, "every position between the newest settled event and the head is committed");
        if (positions.Length > 0 && head < positions[0]) positions.Should().NotContain(head + 1, "the walk stops only at a gap");
    }
}
