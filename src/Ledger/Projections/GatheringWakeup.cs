using System.Diagnostics;
using JasperFx.Events.Daemon.HighWater;

namespace Ledger.Projections;

/// <summary>
/// Wakes Marten's high-water agent on a commit's notification, but not sooner than <paramref name="gathering"/> after
/// the previous wake by a notification. Marten's daemon hands each new high-water mark to the projection as a page of
/// its own, and a page costs a transaction whatever it holds: woken by every commit under load, the projection got
/// pages of about 18 events, fell behind, and its queue of small pages (up to twice the batch size) became seconds of
/// lag. The first commit after a quiet spell (or after a wake by the poll's timeout) still wakes the agent at once.
/// The agent waits from one loop, so the last wake needs no lock.
/// </summary>
public sealed class GatheringWakeup(IDaemonWakeup inner, TimeSpan gathering) : IDaemonWakeup
{
    private long _lastNotified;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        var waiting = Stopwatch.GetTimestamp();
        await inner.WaitAsync(timeout, token);
        // Back before the timeout: a notification woke it.
        if (Stopwatch.GetElapsedTime(waiting) >= timeout) return;
        var since = Stopwatch.GetElapsedTime(_lastNotified);
        if (since < gathering) await Task.Delay(gathering - since, token);
        _lastNotified = Stopwatch.GetTimestamp();
    }

    public void Dispose() => inner.Dispose();
}
