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
public sealed class LedgerStartup(NpgsqlDataSource db, PostgresEventStore store, ProjectionRunner runner,
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
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await SchemaMigrator.MigrateAsync(db, ct);
                var defined = await GazetteerSeeding.EnsureAsync(store, ct);
                if (defined > 0) log.LogInformation("defined {Count} gazetteer regions", defined);
                if (Environment.GetEnvironmentVariable("LEDGER_SAMPLE") == "1" && await Cli.SampleData.LoadIfEmptyAsync(db, store, ct) is { } sample)
                    log.LogInformation("loaded the sample data set: {Lines} lines, {Events} events{Error}", sample.Lines, sample.Events,
                        sample.Error is null ? "" : $"; stopped at {sample.Error}");
                if (options.Value.RunProjections) runner.Start();
                _ready = true;
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException && !ct.IsCancellationRequested)
            {
                log.LogWarning("the database cannot be reached yet (attempt {Attempt}): {Reason}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        await _preparing;
        await runner.DisposeAsync();
    }
}
