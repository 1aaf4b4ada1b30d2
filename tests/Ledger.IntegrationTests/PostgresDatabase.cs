using System.Diagnostics;
using Ledger.EventStore;
using Npgsql;

namespace Ledger.IntegrationTests;

/// <summary>
/// A fresh database of its own for each test class, on the private cluster of ops/pg, dropped afterwards.
/// The admin connection comes from LEDGER_TEST_DB (set by ops/test); without it the fixture starts ops/pg.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private static readonly Lazy<string> Admin = new(FindAdminConnection);

    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(Admin.Value))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(Admin.Value) { Database = Name, MaxPoolSize = 40 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await SchemaMigrator.MigrateAsync(DataSource);
    }

    private readonly SemaphoreSlim _daemonGate = new(1, 1);
    private (NpgsqlDataSource Db, MartenEventStore Store, Projections.ReadModelDaemon Daemon)? _incidents;

    /// <summary>The incident projection on Marten's daemon (Solo), started once for the class and shared by its cases:
    /// a daemon per generated case would spend most of the run starting Marten.</summary>
    public async Task<Projections.ReadModelDaemon> IncidentDaemonAsync()
    {
        await _daemonGate.WaitAsync();
        try
        {
            if (_incidents is { } running) return running.Daemon;
            var db = NewDataSource();
            var store = new MartenEventStore(db);
            var daemon = new Projections.ReadModelDaemon(store, [new Projections.IncidentProjection()],
                new Projections.ProjectionOptions { Mode = JasperFx.Events.Daemon.DaemonMode.Solo });
            await daemon.StartAsync();
            _incidents = (db, store, daemon);
            return daemon;
        }
        finally { _daemonGate.Release(); }
    }

    /// <summary>A second, independent connection pool on the same database: what another process would have.</summary>
    public NpgsqlDataSource NewDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>What the database's owner can do and the runtime role cannot: rewrite events with their triggers off.</summary>
    public Task RewriteAsOwnerAsync(string sql) => ExecuteAsync($"""
        ALTER TABLE ledger.mt_events DISABLE TRIGGER events_immutable;
        ALTER TABLE ledger.mt_streams DISABLE TRIGGER streams_forward_only;
        {sql};
        ALTER TABLE ledger.mt_events ENABLE TRIGGER events_immutable;
        ALTER TABLE ledger.mt_streams ENABLE TRIGGER streams_forward_only;
        """);

    public async Task DisposeAsync()
    {
        if (_incidents is { } daemon)
        {
            await daemon.Daemon.DisposeAsync();
            await daemon.Store.DisposeAsync();
            await daemon.Db.DisposeAsync();
        }
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Admin.Value);
        await admin.OpenAsync();
        // LEDGER_TEST_KEEP_DB=1 keeps each test class's database for a look with psql after a failure.
        if (Environment.GetEnvironmentVariable("LEDGER_TEST_KEEP_DB") is not null) return;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static string FindAdminConnection()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LEDGER_TEST_DB");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("LEDGER_TEST_DB is not set and no checkout was found: run the tests with ops/test");
        var pg = Path.Combine(dir.FullName, "ops", "pg");
        Run(pg, "start");
        return Run(pg, "url postgres").Trim();
    }

    private static string Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed with {p.ExitCode}");
        return output;
    }
}
