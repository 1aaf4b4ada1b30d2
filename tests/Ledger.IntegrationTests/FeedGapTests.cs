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
        await using var storeA = new PostgresEventStore(db.NewDataSource());
        await using var storeB = new PostgresEventStore(db.NewDataSource(), new EventStoreOptions { GroupCommit = false });
        var acknowledged = new ConcurrentDictionary<Guid, bool>();
        var writing = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        async Task Writer(PostgresEventStore store, int writer)
        {
            var version = 0L;
            var stream = $"incident-w{writer}-{Guid.NewGuid():N}";
            while (!writing.IsCancellationRequested)
            {
                // Mix single events with large batches, whose transactions stay open longer.
                var count = Random.Shared.Next(10) == 0 ? 200 : Random.Shared.Next(1, 4);
                var events = Enumerable.Range(0, count).Select(_ => Events.Make()).ToArray();
                await store.AppendAsync(Events.Append(stream, version, events));
                version += count;
                foreach (var e in events) acknowledged[e.EventId] = true;
            }
        }

        var seen = new List<RecordedEvent>();
        var writersDone = false;
        var reader = Task.Run(async () =>
        {
            var after = 0L;
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
        // Positions are gapless: the feed can also be audited for completeness by its own numbers.
        seen.Select(e => e.Position).Should().Equal(Enumerable.Range(1, seen.Count).Select(p => (long)p));
    }
}
