using JasperFx.Events.Daemon;
using Ledger.Grains;
using Ledger.Projections;

namespace Ledger.IntegrationTests;

/// <summary>Marten's async daemon in HotCold: one node projects, the other takes over when it goes; and two daemons
/// that both project (Solo, no election) still apply each page once, because a page commits only with the progress
/// it started from.</summary>
public sealed class ProjectionElectionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly ProjectionOptions Fast = new() { LeadershipPolling = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Each_projection_runs_once_across_processes_and_the_survivor_takes_over()
    {
        var a = await LedgerNode.StartAsync(db);
        await using var b = await LedgerNode.StartAsync(db);
        var runnerA = new ReadModelDaemon(a.Store, LedgerProjections.All(), Fast);
        await using var runnerB = new ReadModelDaemon(b.Store, LedgerProjections.All(), Fast);
        await runnerA.StartAsync();
        await WaitUntil(() => runnerA.Leading.Count == 3);
        await runnerB.StartAsync();
        await Task.Delay(1000);
        runnerB.Leading.Should().BeEmpty("process A holds the daemon's lock");
        // A rebuild belongs where the projection runs: B refuses it instead of replaying beside A's agent.
        (await FluentActions.Awaiting(() => runnerB.RebuildAsync(runnerB.Projections[0])).Should().ThrowAsync<ProjectingElsewhereException>())
            .Which.Message.Should().Contain("rebuild there");

        await a.Incident("elect-1").Handle(LedgerNode.Report("elect-1"), new CommandMetadata("reporter"));
        (await runnerA.WaitForAsync(await a.Store.HeadPositionAsync(), TimeSpan.FromSeconds(10))).Should().BeTrue("A follows new events");

        // Process A goes away: its lock connection closes and B is elected.
        await runnerA.DisposeAsync();
        await a.DisposeAsync();
        await WaitUntil(() => runnerB.Leading.Count == 3);
        await b.Incident("elect-2").Handle(LedgerNode.Report("elect-2"), new CommandMetadata("reporter"));
        (await runnerB.WaitForAsync(await b.Store.HeadPositionAsync(), TimeSpan.FromSeconds(10))).Should().BeTrue("B catches up");
        (await runnerB.LagAsync()).Should().Be(0);
        (await new IncidentQueries(b.Store.DataSource).GetAsync("elect-2")).Should().NotBeNull();
    }

    [Fact]
    public async Task Two_daemons_racing_on_one_projection_apply_each_event_once()
    {
        await using var node = await LedgerNode.StartAsync(db);
        for (var i = 0; i < 30; i++) await node.Incident($"race-{i}").Handle(LedgerNode.Report($"race-{i}"), new CommandMetadata("r"));
        var solo = new ProjectionOptions { Mode = DaemonMode.Solo, BatchSize = 3 };
        await using var r1 = new ReadModelDaemon(node.Store, [new IncidentProjection()], solo);
        await using var r2 = new ReadModelDaemon(node.Store, [new IncidentProjection()], solo with { BatchSize = 5 });
        // Bypassing the election on purpose: Marten's progress check alone must keep them from double-applying.
        await Task.WhenAll(r1.StartAsync(), r2.StartAsync());
        (await r1.WaitForAsync(await node.Store.HeadPositionAsync(), TimeSpan.FromSeconds(30))).Should().BeTrue();
        (await db.ScalarAsync("SELECT count(*) FROM projections.incident_history WHERE incident_id LIKE 'race-%'")).Should().Be(30);
        (await db.ScalarAsync("SELECT count(*) FROM projections.incidents WHERE incident_id LIKE 'race-%'")).Should().Be(30);
    }

    [Fact]
    public async Task A_projecting_node_gone_silent_is_ended_and_replaced_but_a_live_one_is_not()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var options = Fast with { ConnectionString = db.ConnectionString, SilentNodeBound = TimeSpan.FromSeconds(2) };
        await using var survivor = new ReadModelDaemon(node.Store, LedgerProjections.All(), options);
        // Another node stands in: it holds every lock of the election on one connection, named as a node's daemon
        // connections are, and beats on a second one while it is alive.
        var name = "ghost daemon deadbeef";
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = name, Pooling = false }.ConnectionString;
        await using var holder = new Npgsql.NpgsqlConnection(cs);
        await holder.OpenAsync();
        foreach (var id in survivor.ElectionLockIds)
        {
            await using var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({id})", holder);
            await take.ExecuteNonQueryAsync();
        }
        await using var heart = new Npgsql.NpgsqlConnection(cs);
        await heart.OpenAsync();
        using var alive = new CancellationTokenSource();
        var beating = Task.Run(async () =>
        {
            while (!alive.IsCancellationRequested)
            {
                await using (var beat = new Npgsql.NpgsqlCommand("SELECT 1", heart)) await beat.ExecuteScalarAsync();
                await Task.Delay(300);
            }
        });
        await survivor.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        survivor.Leading.Should().BeEmpty("the holder beats: it is slow perhaps, not gone");

        // The holder stops (as under SIGSTOP): its connections stay open and say nothing.
        await alive.CancelAsync();
        await beating;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await WaitUntil(() => survivor.Leading.Count == 3);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the bound is 2 s of silence, then the next check and poll");
        await using var dead = new Npgsql.NpgsqlCommand("SELECT 1", holder);
        await FluentActions.Awaiting(() => dead.ExecuteScalarAsync()).Should().ThrowAsync<Exception>("the silent holder's connections were ended");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(50);
        condition().Should().BeTrue();
    }
}
