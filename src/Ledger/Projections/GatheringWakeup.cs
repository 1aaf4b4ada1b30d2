using JasperFx.Events.Daemon.HighWater;

namespace Ledger.Projections;

/// <summary>
/// Wakes Marten's high-water agent on a commit's notification, but not sooner than <paramref name="gathering"/> after
/// its previous wake. Marten's daemon hands each new high-water mark to the projection as a page of its own, and a
/// page costs a transaction whatever it holds: woken by every commit under load, the projection got pages of a
/// dozen events, fell behind, and its queue of small pages (up to twice the batch size) became seconds of lag. A
/// notification after a quiet spell still wakes the agent at once.
/// </summary>
public sealed class GatheringWakeup(IDaemonWakeup inner, TimeSpan gathering, TimeProvider? clock = null) : IDaemonWakeup
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _lastWake;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        await inner.WaitAsync(timeout, token);
        var since = _clock.GetElapsedTime(Interlocked.Read(ref _lastWake));
        if (since < gathering) await Task.Delay(gathering - since, _clock, token);
        Interlocked.Exchange(ref _lastWake, _clock.GetTimestamp());
    }

    public void Dispose() => inner.Dispose();
}
