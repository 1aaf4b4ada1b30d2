using Ledger.Grains;
using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Regions;
using Npgsql;

namespace Ledger.Server.Hosting;

/// <summary>
/// Prepares the node: the schema (idempotent), the gazetteer's governorates as region events (deterministic
/// command ids, so every node and every restart agrees and nothing is appended twice), then the projection
/// runners. A database that cannot be reached yet does not stop the node: it serves 503s and reports
/// not-ready while it keeps trying.
/// </summary>
public sealed class LedgerStartup(NpgsqlDataSource db, MartenEventStore store, ReadModelDaemon runner,
    Microsoft.Extensions.Options.IOptions<LedgerOptions> options, ILogger<LedgerStartup> log) : IHostedService
{
    private readonly CancellationTokenSource _stop = new();
    private Task _preparing = Task.CompletedTask;
    private volatile bool _ready;

    /// <summary>The schema is in place and the gazetteer defined: the node can take writes.</summary>
    public bool Ready => _ready;

    public Task StartAsync(CancellationToken ct)
    {
        _preparing = Task.Run(() => PrepareAsync(_stop.Token), CancellationToken.None);
        // Give a reachable database the chance to be ready before the first request; never block on a dead one.
        return Task.WhenAny(_preparing, Task.Delay(TimeSpan.FromSeconds(3), ct));
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        try { await PrepareOnceReachableAsync(ct); }
        catch (EarlierStoreException ex)
        {
            // Nothing this node could serve: say why in one line and stop, as a refused start does.
            log.LogCritical("{Reason}", ex.Message);
            await Console.Error.WriteLineAsync("ledger: " + ex.Message);
            Environment.Exit(1);
        }
    }

    private Task PrepareOnceReachableAsync(CancellationToken ct) => DatabaseRetry.UntilReachableAsync(async token =>
    {
        await SchemaMigrator.MigrateAsync(db, LedgerApp.OwnerConnectionString(options.Value), token);
        var defined = await GazetteerSeeding.EnsureAsync(store, token);
        if (defined > 0) log.LogInformation("defined {Count} gazetteer regions", defined);
        var registered = await Actors.ActorSeeding.EnsureAsync(store, token);
        if (registered > 0) log.LogInformation("registered {Count} actors a new ledger starts with", registered);
        if (Environment.GetEnvironmentVariable("LEDGER_SAMPLE") == "1" && await Cli.SampleData.LoadIfEmptyAsync(db, store, token) is { } sample)
            log.LogInformation("loaded the sample data set: {Lines} lines, {Events} events{Error}", sample.Lines, sample.Events,
                sample.Error is null ? "" : $"; stopped at {sample.Error}");
        if (options.Value.RunProjections) await runner.StartAsync(token);
        _ready = true;
    }, log, "to prepare the node", ct);

    public async Task StopAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        await _preparing;
        await runner.DisposeAsync();
    }
}
