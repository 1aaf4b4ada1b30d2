using System.Collections.Concurrent;
using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>
/// A consumer that always asks for events after the last position it saw must never miss an event that
/// commits late with a lower position. Concurrent writers from two "processes" and a polling reader.
/// </summary>
public sealed class FeedGapTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_polling_reader_sees_every_committed_event_once_in_position_order()
    {
        await using var storeA = new MartenEventStore(db.NewDataSource());
        await using var storeB = new MartenEventStore(db.NewDataSource(), new EventStoreOptions { GroupCommit = false });
        var acknowledged = new ConcurrentDictionary<Guid, bool>();
        var positions = new ConcurrentDictionary<long, bool>();
        var writing = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        async Task Writer(MartenEventStore store, int writer)
        {
            var version = 0L;
            var stream = $"incident-w{writer}-{Guid.NewGuid():N}";
            while (!writing.IsCancellationRequested)
            {
                // Mix single events with large batches, whose transactions stay open longer.
                var count = Random.Shared.Next(10) == 0 ? 200 : Random.Shared.Next(1, 4);
                var events = Enumerable.Range(0, count).Select(_ => Events.Make()).ToArray();
                var result = await store.AppendAsync(Events.Append(stream, version, events));
                for (var p = result.FirstPosition; p <= result.LastPosition; p++) positions[p] = true;
                version += count;
                foreach (var e in events) acknowledged[e.EventId] = true;
            }
        }

        var seen = new List<RecordedEvent>();
        var writersDone = false;
        var start = await storeA.HeadPositionAsync(); // past what this class's other tests wrote
        var reader = Task.Run(async () =>
        {
            var after = start;
            while (true)
            {
                // Only once every writer has returned can an empty page mean the end.
                var done = Volatile.Read(ref writersDone);
                var page = await storeA.ReadAllAsync(after, 100);
                seen.AddRange(page);
                if (page.Count > 0) after = page[^1].Position;
                else if (done) return;
            }
        });

        var writers = Enumerable.Range(0, 12).Select(w => Task.Run(() => Writer(w % 2 == 0 ? storeA : storeB, w))).ToList();
        await Task.WhenAll(writers);
        Volatile.Write(ref writersDone, true);
        await reader;

        acknowledged.Count.Should().BeGreaterThan(1000);
        seen.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var seenIds = seen.Select(e => e.EventId).ToHashSet();
        seenIds.Should().HaveCount(seen.Count, "no event is delivered twice");
        acknowledged.Keys.Where(id => !seenIds.Contains(id)).Should().BeEmpty("the reader must see every acknowledged event");
        seenIds.Should().HaveCount(acknowledged.Count, "nothing but acknowledged events was written");
        // Positions are Marten's sequence: a rolled-back or unused allocation leaves a gap, so completeness is
        // checked against the positions each writer was told.
        seen.Select(e => e.Position).Should().BeEquivalentTo(positions.Keys);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reader_waits_at_a_gap_an_open_transaction_holds_and_passes_it_once_that_commits_or_rolls_back(bool commit)
    {
        await using var store = new MartenEventStore(db.DataSource, new EventStoreOptions { GroupCommit = false });
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        await store.AppendAsync(Events.Append(stream, 0, Events.Make()));
        var before = await store.HeadPositionAsync();

        // A writer that has taken its position and not yet committed, as a slow append transaction would.
        await using var held = await db.NewDataSource().OpenConnectionAsync();
        await using var tx = await held.BeginTransactionAsync();
        long gap;
        await using (var allocate = new Npgsql.NpgsqlCommand("SELECT first_position FROM ledger.allocate_positions(1)", held, tx))
            gap = (long)(await allocate.ExecuteScalarAsync())!;

        // A later writer commits above the gap.
        var later = await store.AppendAsync(Events.Append(stream, 1, Events.Make()));
        later.FirstPosition.Should().Be(gap + 1);

        for (var poll = 0; poll < 5; poll++)
        {
            (await store.ReadAllAsync(before, 100)).Should().BeEmpty("position {0} may still commit below {1}", gap, later.FirstPosition);
            (await store.HeadPositionAsync()).Should().Be(before);
            await Task.Delay(100);
        }

        var lateStream = "incident-" + Guid.NewGuid().ToString("N");
        await using (var insert = new Npgsql.NpgsqlCommand($"""
            INSERT INTO ledger.mt_streams (id, version) VALUES ('{lateStream}', 1);
            INSERT INTO ledger.mt_events (seq_id, id, stream_id, version, type, data, timestamp, user_name, headers)
            VALUES ({gap}, gen_random_uuid(), '{lateStream}', 1, 'Noted', '{"{"}"n": 1{"}"}', now(), 'late', '{"{"}"hash": "00"{"}"}');
            """, held, tx))
            await insert.ExecuteNonQueryAsync();
        (await store.ReadAllAsync(before, 100)).Should().BeEmpty("the late event is not committed yet");
        if (commit) await tx.CommitAsync(); else await tx.RollbackAsync();

        // Transactions of other tests' databases share the cluster's snapshot: wait out any that are older.
        for (var wait = 0; wait < 100 && await store.HeadPositionAsync() < later.FirstPosition; wait++) await Task.Delay(50);
        var page = await store.ReadAllAsync(before, 100);
        page.Select(e => e.Position).Should().Equal(commit ? [gap, later.FirstPosition] : [later.FirstPosition]);
        (await store.HeadPositionAsync()).Should().Be(later.FirstPosition);
    }
}
