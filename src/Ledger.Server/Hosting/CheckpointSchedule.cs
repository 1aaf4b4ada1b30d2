using System.Security.Cryptography;
using Ledger.Releases;
using Microsoft.Extensions.Options;

namespace Ledger.Server.Hosting;

/// <summary>Signs the head every <see cref="LedgerOptions.CheckpointInterval"/> while a checkpoint key is configured:
/// the log is audited by default, not only when someone remembers to name a release.</summary>
public sealed class CheckpointSchedule(CheckpointLog log, ECDsa key, IOptions<LedgerOptions> options, ILogger<CheckpointSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckpointInterval;
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await log.SignHeadAsync(key, stoppingToken) is { } signed)
                    logger.LogInformation("Signed a checkpoint of the {Events} events up to position {Position}", signed.Events, signed.Position);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // The database is away: the next tick signs the head it finds then.
                logger.LogWarning(ex, "Could not sign a checkpoint; trying again in {Interval}", interval);
            }
        }
    }
}
