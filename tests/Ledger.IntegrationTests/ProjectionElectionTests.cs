using Ledger.Grains;
using Ledger.Projections;

namespace Ledger.IntegrationTests;

public sealed class ProjectionElectionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly ProjectionOptions Fast = new() { ElectionInterval = TimeSpan.FromMilliseconds(100), PollInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Each_projection_runs_once_across_processes_and_the_survivor_takes_over()
    {
        var a = await LedgerNode.StartAsync(db);
        await using var b = await LedgerNode.StartAsync(db);
        var runnerA = new ProjectionRunner(a.Store, LedgerProjections.All(), Fast);
        await using var runnerB = new ProjectionRunner(b.Store, LedgerProjections.All(), Fast);
        runnerA.Start();
        await WaitUntil(() => runnerA.Leading.Count == 3);
        runnerB.Start();
        await Task.Delay(500);
        runnerB.Leading.Should().BeEmpty("process A holds every projection's lock");

        await a.Incident("elect-1").Handle(LedgerNode.Report("elect-1"), new CommandMetadata("reporter"));
        (await runnerA.WaitForAsync(await a.Store.HeadPositionAsync(), TimeSpan.FromSeconds(10))).Should().BeTrue("A follows new events");

        // Process A goes away: its lock connections close and B is elected.
        await runnerA.DisposeAsync();
        await a.DisposeAsync();
        await WaitUntil(() => runnerB.Leading.Count == 3);
        await b.Incident("elect-2").Handle(LedgerNode.Report("elect-2"), new CommandMetadata("reporter"));
        (await runnerB.WaitForAsync(await b.Store.HeadPositionAsync(), TimeSpan.FromSeconds(10))).Should().BeTrue("B catches up");
        (await runnerB.LagAsync()).Should().Be(0);
        (await new IncidentQueries(b.Store.DataSource).GetAsync("elect-2")).Should().NotBeNull();
    }

    [Fact]
    public async Task Two_runners_racing_on_one_projection_apply_each_event_once()
    {
        await using var node = await LedgerNode.StartAsync(db);
        for (var i = 0; i < 30; i++) await node.Incident($"race-{i}").Handle(LedgerNode.Report($"race-{i}"), new CommandMetadata("r"));
        var projection = new IncidentProjection();
        await using var r1 = new ProjectionRunner(node.Store, [projection], new ProjectionOptions { BatchSize = 3 });
        await using var r2 = new ProjectionRunner(node.Store, [projection], new ProjectionOptions { BatchSize = 5 });
        // Bypassing the election on purpose: the checkpoint lock alone must keep them from double-applying.
        await Task.WhenAll(r1.CatchUpAsync(projection), r2.CatchUpAsync(projection));
        (await db.ScalarAsync("SELECT count(*) FROM projections.incident_history WHERE incident_id LIKE 'race-%'")).Should().Be(30);
        (await db.ScalarAsync("SELECT count(*) FROM projections.incidents WHERE incident_id LIKE 'race-%'")).Should().Be(30);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        condition().Should().BeTrue();
    }
}
