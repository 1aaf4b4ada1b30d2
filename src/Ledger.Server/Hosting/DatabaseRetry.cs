using Ledger.Grains;

namespace Ledger.Server.Hosting;

/// <summary>Start-up work that needs the database: a node starts before its database is up, so it retries
/// (backing off to 5 s) while the database cannot be reached, and gives up only when it is stopped.</summary>
public static class DatabaseRetry
{
    /// <summary>Runs <paramref name="work"/> until it succeeds (true) or the node stops (false).</summary>
    public static async Task<bool> UntilReachableAsync(Func<CancellationToken, Task> work, ILogger log, string purpose, CancellationToken ct)
    {
        for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await work(ct);
                return true;
            }
            catch (Exception ex) when (StorageUnavailableException.IsCause(ex) && !ct.IsCancellationRequested)
            {
                log.LogWarning("the database cannot be reached yet {Purpose} (attempt {Attempt}): {Reason}", purpose, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        return false;
    }
}
