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
        // A lone commit since the last wake is no load: it is projected at once (an idle ledger shows a write in tens of
        // milliseconds, not after the rest of the gathering time). Commits that piled up while the last page was
        // projected are load: gathered.
        var commits = inner is ICommitCount counted ? counted.TakeCommits() : int.MaxValue;
        var since = Stopwatch.GetElapsedTime(_lastNotified);
        if (commits > 1 && since < gathering) await Task.Delay(gathering - since, token);
        _lastNotified = Stopwatch.GetTimestamp();
    }

    public void Dispose() => inner.Dispose();
}

/// <summary>A wakeup that counts the commits notified since it was last asked.</summary>
public interface ICommitCount
{
    int TakeCommits();
}
