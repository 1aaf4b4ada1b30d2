using System.Diagnostics;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Projections;

namespace Ledger.IntegrationTests;

/// <summary>Claims the README makes that no other test held: a commit's NOTIFY wakes an idle projection daemon,
/// recordedAt never runs backwards along the log, and the CLI exits 2 on bad input.</summary>
public sealed class ReadmeClaimTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_commit_wakes_an_idle_daemon_long_before_its_slow_poll()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var projection = new IncidentProjection();
        // Polling alone would take ten minutes: only the NOTIFY sent at commit can wake it in time.
        await using var runner = new ReadModelDaemon(node.Store, [projection], new ProjectionOptions { IdlePolling = TimeSpan.FromMinutes(10) });
        await runner.StartAsync();
        for (var i = 0; i < 100 && !runner.Leading.Contains(projection.Name); i++) await Task.Delay(50);
        runner.Leading.Should().Contain(projection.Name);
        (await runner.WaitForAsync(await node.Store.HeadPositionAsync(), TimeSpan.FromSeconds(10))).Should().BeTrue("the runner catches up with the head first");
        await Task.Delay(300); // let it go idle, waiting on its connection

        var id = "notify-" + Guid.NewGuid().ToString("N")[..8];
        var outcome = await node.Incident(id).Handle(LedgerNode.Report(id), new CommandMetadata("reporter"));
        var clock = Stopwatch.StartNew();
        (await runner.WaitForAsync(outcome.LastPosition!.Value, TimeSpan.FromSeconds(20))).Should().BeTrue("the commit's notification wakes the runner");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Recorded_at_never_runs_backwards_along_the_log_under_concurrent_appends()
    {
        await using var store = new MartenEventStore(db.DataSource);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var stream = $"clock-{w}-{Guid.NewGuid():N}";
            for (var v = 0; v < 25; v++) await store.AppendAsync(Events.Append(stream, v, Events.Make()));
        })));
        var times = new List<(long Position, DateTimeOffset At)>();
        await using var cmd = db.DataSource.CreateCommand("SELECT position, recorded_at FROM ledger.events ORDER BY position");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) times.Add((r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1)));
        times.Should().HaveCountGreaterThanOrEqualTo(200);
        times.Zip(times.Skip(1)).Where(p => p.Second.At < p.First.At).Should().BeEmpty("a later position never carries an earlier recordedAt");
    }

    [Fact]
    public async Task The_cli_exits_2_on_bad_input_and_names_the_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file, ["""{"command":"registerSource","id":"b1","sourceId":"bad-src","name":"Bad","kind":"monitor"}""", "{not json"]);
        try
        {
            var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), "import", file])
                { RedirectStandardOutput = true, RedirectStandardError = true };
            info.Environment["LEDGER_DB"] = db.ConnectionString;
            using var p = Process.Start(info)!;
            var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            p.ExitCode.Should().Be(2, output);
            output.Should().Contain("line 2");

            info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), "tallies", "--group-by", "province"])
                { RedirectStandardOutput = true, RedirectStandardError = true };
            info.Environment["LEDGER_DB"] = db.ConnectionString;
            using var q = Process.Start(info)!;
            output = await q.StandardOutput.ReadToEndAsync() + await q.StandardError.ReadToEndAsync();
            await q.WaitForExitAsync();
            q.ExitCode.Should().Be(2, output);
            output.Should().Contain("groupBy");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
