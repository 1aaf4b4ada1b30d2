using JasperFx.Events.Daemon.HighWater;

namespace Ledger.Projections;

/// <summary>
/// Wakes Marten's high-water agent on a commit's notification, but not sooner than <paramref name="gathering"/> after
/// the previous wake by a notification. Marten's daemon hands each new high-water mark to the projection as a page of
/// its own, and a page costs a transaction whatever it holds: woken by every commit under load, the projection got
/// pages of a dozen events, fell behind, and its queue of small pages (up to twice the batch size) became seconds of
/// lag. The first commit after a quiet spell (or after a wake by the poll's timeout) still wakes the agent at once.
/// </summary>
public sealed class GatheringWakeup(IDaemonWakeup inner, TimeSpan gathering, TimeProvider? clock = null) : IDaemonWakeup
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _lastNotified;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        var waiting = _clock.GetTimestamp();
        await inner.WaitAsync(timeout, token);
        // Back before the timeout: a notification woke it.
        if (_clock.GetElapsedTime(waiting) >= timeout) return;
        var since = _clock.GetElapsedTime(Interlocked.Read(ref _lastNotified));
        if (since < gathering) await Task.Delay(gathering - since, _clock, token);
        Interlocked.Exchange(ref _lastNotified, _clock.GetTimestamp());
    }

    public void Dispose() => inner.Dispose();
}
