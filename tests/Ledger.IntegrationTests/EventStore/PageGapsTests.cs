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

    private static async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction, long Position)> HoldAsync(NpgsqlDataSource writers)
    {
        var held = await writers.OpenConnectionAsync();
        var tx = await held.BeginTransactionAsync();
        await using var allocate = new NpgsqlCommand("SELECT first_position FROM ledger.allocate_positions(1)", held, tx);
        return (held, tx, (long)(await allocate.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_page_past_a_live_writers_position_waits_and_takes_in_its_event_once_committed()
    {
        await using var writers = db.NewDataSource();
        await using var store = new MartenEventStore(writers, new EventStoreOptions { GroupCommit = false });
        await store.AppendAsync(Report("gap-before"));
        var gaps = new PageGaps(writers, "incidents", [typeof(IncidentReported)]);
        (await gaps.CompleteAsync([await Projected(store, "gap-before")], default)).Should().HaveCount(1);

        var (held, tx, hole) = await HoldAsync(writers);
        var later = await store.AppendAsync(Report("gap-later"));
        var page = gaps.CompleteAsync([await Projected(store, "gap-later")], default);
        await Task.Delay(1000);
        page.IsCompleted.Should().BeFalse("the position below the page may still be filled");

        var late = Report("gap-late").Events[0];
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO ledger.mt_streams (id, version, timestamp, created) VALUES (@stream, 1, now(), now());
            INSERT INTO ledger.mt_events (seq_id, id, stream_id, version, type, data, timestamp, user_name, headers, mt_dotnet_type)
            VALUES (@hole, @id, @stream, 1, @type, @data::jsonb, now(), 'late', '{"hash": "00"}', @dotnet)
            """, held, tx))
        {
            insert.Parameters.AddWithValue("stream", IncidentDecider.Kind.StreamFor("gap-late"));
            insert.Parameters.AddWithValue("hole", hole);
            insert.Parameters.AddWithValue("id", late.EventId);
            insert.Parameters.AddWithValue("type", late.Type);
            insert.Parameters.AddWithValue("data", late.Data);
            insert.Parameters.AddWithValue("dotnet", MartenEvents.DotnetTypeOf(late.Type));
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await held.DisposeAsync();
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
        var (held, tx, hole) = await HoldAsync(writers);
        var later = await store.AppendAsync(Report("rolled-later"));
        var page = gaps.CompleteAsync([await Projected(store, "rolled-later")], default);
        await Task.Delay(300);
        page.IsCompleted.Should().BeFalse();
        await tx.RollbackAsync();
        await held.DisposeAsync();
        // No progress committed here: the page also takes in every earlier event of the log, as a first page would.
        (await page.WaitAsync(TimeSpan.FromSeconds(30))).Select(e => e.Position).Should().NotContain(hole).And.EndWith(later.FirstPosition)
            .And.BeInAscendingOrder();
    }
}
