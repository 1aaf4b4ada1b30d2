using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Serialization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.IntegrationTests.EventStore;

/// <summary>The daemon and a late commit: a writer takes a position and commits after a later writer has. The
/// projections, with a stale threshold far shorter than the wait, must hold below the hole while the first transaction
/// is alive, then project its event once it commits, never skip it. It must do so too when the daemon's role cannot see
/// the writer's session in pg_stat_activity (no pg_read_all_stats): the snapshot's list of open transactions is all
/// it then has.</summary>
[Trait("Category", "MartenFence")]
public sealed class DaemonLateCommitTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private string Role => db.Name + "_daemon";

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Roles outlive databases: the blind role goes with its grants.</summary>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (await db.ScalarAsync($"SELECT count(*) FROM pg_roles WHERE rolname = '{Role}'") == 1)
            await db.ExecuteAsync($"DROP OWNED BY {Role}; DROP ROLE {Role}");
    }

    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(500);

    // Marten 9.58's daemon does pass such a hole now and then: under CPU load about one run in four here, its log saying
    // "skipping the event sequence range (1, 3] ... no evidence of a live transaction". Its liveness probe dates the gap
    // from its snapshot but reads the sequence later, so a position allocated in between looks abandoned. PageGaps holds
    // every page whose range has a hole until the feed's rule settles it, and takes in the late event: this test holds
    // with or without the daemon's mark. On a failure the daemon's log of gaps is in the message.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_daemon_waits_at_a_hole_a_live_transaction_holds_and_projects_its_event_when_it_commits(bool blindRole)
    {
        var daemonConnection = blindRole ? await BlindRoleAsync() : db.ConnectionString;
        await using var writers = db.NewDataSource();
        await using var store = new MartenEventStore(writers, new EventStoreOptions { GroupCommit = false });
        var log = new DaemonLog();
        using var logs = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
        await using var daemon = new ReadModelDaemon(store, [new IncidentProjection()],
            new ProjectionOptions { Mode = JasperFx.Events.Daemon.DaemonMode.Solo, ConnectionString = daemonConnection, IdlePolling = TimeSpan.FromMilliseconds(200) }, logs);
        daemon.Store.Options.Projections.StaleSequenceThreshold = Threshold;
        await daemon.StartAsync();
        var prefix = blindRole ? "blind" : "seen";
        await store.AppendAsync(Report($"{prefix}-first", 0));
        (await daemon.WaitForAsync(await store.HeadPositionAsync(), TimeSpan.FromSeconds(30))).Should().BeTrue();

        // The slow writer: a position taken, nothing committed yet.
        await using var slow = await SlowWriter.HoldAsync(writers);
        var hole = slow.Hole;
        var later = await store.AppendAsync(Report($"{prefix}-later", 0));
        later.FirstPosition.Should().Be(hole + 1);

        // Ten times the stale threshold: a daemon that skipped stale holes would have passed it long ago.
        await Task.Delay(Threshold * 10);
        var checkpoints = await daemon.CheckpointsAsync();
        // Marten may record progress over the empty range up to the hole itself, never over the later event: that page
        // waits in PageGaps while the hole may still fill.
        checkpoints.Values.Should().AllSatisfy(p => p.Should().BeLessThan(later.FirstPosition,
            $"the hole at {hole} may still be filled (progress {string.Join(", ", checkpoints.Select(c => $"{c.Key} {c.Value}"))}; later event at {later.FirstPosition}); the daemon said:\n{log}"));
        (await Projected($"{prefix}-later")).Should().BeFalse();

        await slow.CommitReportAsync($"{prefix}-late");

        (await daemon.WaitForAsync(later.LastPosition, TimeSpan.FromSeconds(30))).Should().BeTrue("the hole is filled");
        (await Projected($"{prefix}-late")).Should().BeTrue("the late event is projected, not skipped");
        (await Projected($"{prefix}-later")).Should().BeTrue();
    }

    /// <summary>What Marten's daemon said of high water and gaps, for a failure's message.</summary>
    private sealed class DaemonLog : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            if (line.Contains("gap", StringComparison.OrdinalIgnoreCase) || line.Contains("high water", StringComparison.OrdinalIgnoreCase))
                _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
        public void Dispose() { }
        public override string ToString() => string.Join("\n", _lines.TakeLast(30));
    }

    private async Task<bool> Projected(string incident) =>
        await db.ScalarAsync($"SELECT count(*) FROM projections.incidents WHERE incident_id = '{incident}'") == 1;

    private static StreamAppend Report(string id, long expected)
    {
        var reported = new IncidentReported(id, "Late commit", new Occurrence(new DateOnly(2024, 1, 9)), new Location("SY", "sy04"), "attack", null, null);
        return Events.Append(IncidentDecider.Kind.StreamFor(id), expected,
            Events.Make(EventTypes.Ledger.NameOf(reported), EventTypes.Ledger.Serialize(reported)));
    }

    /// <summary>A role with the runtime role's grants and nothing more: it sees other sessions in pg_stat_activity
    /// without their transactions' details.</summary>
    private async Task<string> BlindRoleAsync()
    {
        var role = Role;
        const string password = "daemon-test-password-1";
        await db.ExecuteAsync($"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN PASSWORD '{password}'; END IF; END $$");
        await db.ExecuteAsync($"GRANT CONNECT ON DATABASE {db.Name} TO {role}; SELECT ledger.grant_runtime('{role}')");
        (await db.ScalarAsync($"SELECT count(*) FROM pg_roles r WHERE r.rolname = '{role}' AND (r.rolsuper OR pg_has_role(r.oid, 'pg_read_all_stats', 'MEMBER'))"))
            .Should().Be(0, "the role sees no other session's details");
        return new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = role, Password = password }.ConnectionString;
    }
}
