using System.Diagnostics;
using Ledger.EventStore;
using Ledger.Projections;

namespace Ledger.IntegrationTests;

/// <summary><c>minPosition</c>'s wait: woken by PostgreSQL's announcement of the daemon's progress, not by polling,
/// so that many waiting readers cost the database almost nothing.</summary>
public sealed class ReadYourWritesTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const int Waiters = 20;

    [Fact]
    public async Task Waiting_readers_read_the_progress_once_each_and_wake_on_the_announcement_of_a_move()
    {
        await using var store = new MartenEventStore(db.DataSource);
        await store.AppendAsync(Events.Append($"ryw-{Guid.NewGuid():N}", 0, Events.Make()));
        var head = await store.HeadPositionAsync();
        // Not started: nothing projects, so only this test moves the progress.
        await using var daemon = new ReadModelDaemon(store, LedgerProjections.All());

        var unmet = await Task.WhenAll(Enumerable.Range(0, Waiters).Select(_ => daemon.WaitForAsync(head, TimeSpan.FromSeconds(3))));
        unmet.Should().AllSatisfy(r => r.Should().BeFalse("nothing has projected"));
        // Polling every 20 ms, as before, read it 150 times per waiter in 3 s: now a first look, a fallback look every
        // 2 s and one at the deadline (a timer may fire a hair early: one more).
        daemon.ProgressReads.Should().BeLessThanOrEqualTo(Waiters * 4);

        var before = daemon.ProgressReads;
        var clock = Stopwatch.StartNew();
        var waiting = Enumerable.Range(0, Waiters).Select(_ => daemon.WaitForAsync(head, TimeSpan.FromSeconds(30))).ToList();
        await Task.Delay(300);
        foreach (var p in daemon.Projections)
            await db.ExecuteAsync($"INSERT INTO ledger.mt_event_progression (name, last_seq_id) VALUES ('{p.Name}:All', {head}) " +
                $"ON CONFLICT (name) DO UPDATE SET last_seq_id = {head}");
        (await Task.WhenAll(waiting)).Should().AllSatisfy(r => r.Should().BeTrue());
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the announcement wakes them before their fallback look");
        (daemon.ProgressReads - before).Should().Be(Waiters, "each waiter read the table once, then was woken by the announcement");
    }

    [Fact]
    public async Task A_heartbeat_that_leaves_the_position_as_it_was_announces_nothing_and_a_rebuild_reset_does()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var heard = new List<string>();
        conn.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new Npgsql.NpgsqlCommand("LISTEN ledger_progress", conn)) await listen.ExecuteNonQueryAsync();
        await db.ExecuteAsync("INSERT INTO ledger.mt_event_progression (name, last_seq_id) VALUES ('beat:All', 7)");
        await db.ExecuteAsync("UPDATE ledger.mt_event_progression SET heartbeat = now() WHERE name = 'beat:All'");
        await db.ExecuteAsync("UPDATE ledger.mt_event_progression SET last_seq_id = 9 WHERE name = 'beat:All'");
        await db.ExecuteAsync("DELETE FROM ledger.mt_event_progression WHERE name = 'beat:All'");
        await using (var ping = new Npgsql.NpgsqlCommand("SELECT 1", conn)) await ping.ExecuteScalarAsync(); // delivers what is pending
        for (var i = 0; i < 50 && heard.Count < 3; i++) await conn.WaitAsync(100);
        heard.Should().Equal("beat:All|7", "beat:All|9", "beat:All|0");
    }

    [Fact]
    public async Task A_daemon_whose_readers_waited_can_be_disposed_twice_as_the_host_does()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var daemon = new ReadModelDaemon(store, LedgerProjections.All());
        (await daemon.WaitForAsync(long.MaxValue, TimeSpan.FromMilliseconds(200))).Should().BeFalse();
        // The server stops it, then the service container disposes the same singleton again.
        await daemon.DisposeAsync();
        await daemon.Invoking(d => d.DisposeAsync().AsTask()).Should().NotThrowAsync();
    }
}
