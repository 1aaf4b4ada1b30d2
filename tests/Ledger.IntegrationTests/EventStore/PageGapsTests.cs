using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.IntegrationTests.EventStore;

/// <summary>PageGaps, the guard beside Marten's daemon: a page whose range holds a position a live writer still holds
/// waits, and takes in the event committed there late; a position rolled back holds nothing up for good.</summary>
[Trait("Category", "MartenFence")]
public sealed class PageGapsTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static StreamAppend Report(string id)
    {
        var reported = new IncidentReported(id, "Late commit", new Occurrence(new DateOnly(2024, 1, 9)), new Location("SY", "sy04"), "attack", null, null);
        return Events.Append(IncidentDecider.Kind.StreamFor(id), 0, Events.Make(EventTypes.Ledger.NameOf(reported), EventTypes.Ledger.Serialize(reported)));
    }

    // Read by stream: the feed stops below a hole.
    private static async Task<ProjectedEvent> Projected(MartenEventStore store, string incident)
    {
        var e = (await store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(incident))).Single();
        return new ProjectedEvent(e.Position, e.StreamId, e.Version, e.Type, EventTypes.Ledger.Deserialize(e.Type, e.Data), e.RecordedAt, e.RecordedBy);
    }

    [Fact]
    public async Task A_page_past_a_live_writers_position_waits_and_takes_in_its_event_once_committed()
    {
        await using var writers = db.NewDataSource();
        await using var store = new MartenEventStore(writers, new EventStoreOptions { GroupCommit = false });
        await store.AppendAsync(Report("gap-before"));
        var gaps = new PageGaps(writers, "incidents", [typeof(IncidentReported)]);
        (await gaps.CompleteAsync([await Projected(store, "gap-before")], default)).Should().HaveCount(1);

        await using var slow = await SlowWriter.HoldAsync(writers);
        var hole = slow.Hole;
        var later = await store.AppendAsync(Report("gap-later"));
        var page = gaps.CompleteAsync([await Projected(store, "gap-later")], default);
        await Task.Delay(1000);
        page.IsCompleted.Should().BeFalse("the position below the page may still be filled");

        await slow.CommitReportAsync("gap-late");
        var completed = await page.WaitAsync(TimeSpan.FromSeconds(30));
        completed.Select(e => e.Position).Should().Equal(hole, later.FirstPosition);
        completed[0].Data.Should().BeOfType<IncidentReported>().Which.IncidentId.Should().Be("gap-late");
        gaps.Waited.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task A_position_rolled_back_holds_a_page_only_while_its_transaction_lives()
    {
        await using var writers = db.NewDataSource();
        await using var store = new MartenEventStore(writers, new EventStoreOptions { GroupCommit = false });
        var gaps = new PageGaps(writers, "incidents", null);
        await using var slow = await SlowWriter.HoldAsync(writers);
        var hole = slow.Hole;
        var later = await store.AppendAsync(Report("rolled-later"));
        var page = gaps.CompleteAsync([await Projected(store, "rolled-later")], default);
        await Task.Delay(300);
        page.IsCompleted.Should().BeFalse();
        await slow.RollbackAsync();
        // No progress committed here: the page also takes in every earlier event of the log, as a first page would.
        (await page.WaitAsync(TimeSpan.FromSeconds(30))).Select(e => e.Position).Should().NotContain(hole).And.EndWith(later.FirstPosition)
            .And.BeInAscendingOrder();
    }
}
