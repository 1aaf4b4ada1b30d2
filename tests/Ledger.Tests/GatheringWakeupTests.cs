using System.Diagnostics;
using JasperFx.Events.Daemon.HighWater;
using Ledger.Projections;
using Xunit;

namespace Ledger.Tests;

/// <summary>The daemon's wakes by commits are spaced by the gathering time under load, and immediate after a quiet
/// spell. The inner wakeup here returns at once, as a listener does when commits keep coming.</summary>
public sealed class GatheringWakeupTests
{
    private sealed class Notified : IDaemonWakeup
    {
        public int Waits;
        public bool Disposed;
        public Task WaitAsync(TimeSpan timeout, CancellationToken token) { Waits++; return Task.CompletedTask; }
        public void Dispose() => Disposed = true;
    }

    /// <summary>Notified at once, by as many commits as it is told.</summary>
    private sealed class Counted(int commits) : IDaemonWakeup, ICommitCount
    {
        public Task WaitAsync(TimeSpan timeout, CancellationToken token) => Task.CompletedTask;
        public int TakeCommits() => commits;
        public void Dispose() { }
    }

    /// <summary>No notification: each wait runs to its timeout, as the poll does on a quiet ledger.</summary>
    private sealed class Quiet : IDaemonWakeup
    {
        public Task WaitAsync(TimeSpan timeout, CancellationToken token) => Task.Delay(timeout, token);
        public void Dispose() { }
    }

    [Fact]
    public async Task Wakes_under_load_are_at_least_the_gathering_time_apart()
    {
        var inner = new Notified();
        var wakeup = new GatheringWakeup(inner, TimeSpan.FromMilliseconds(300));
        await wakeup.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await wakeup.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        await wakeup.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(2 * 295), $"two wakes after the first took {clock.Elapsed}");
        Assert.Equal(3, inner.Waits);
    }

    [Fact]
    public async Task A_wake_after_a_quiet_spell_is_not_held_back()
    {
        var wakeup = new GatheringWakeup(new Notified(), TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        await wakeup.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the first wake took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_wake_by_the_polls_timeout_does_not_hold_back_the_next_notification()
    {
        var quiet = new GatheringWakeup(new Quiet(), TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        await quiet.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        await quiet.WaitAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"two timed-out waits took {clock.Elapsed}");
    }

    [Fact]
    public async Task Gathering_gives_way_to_cancellation_and_disposal_reaches_the_listener()
    {
        var inner = new Notified();
        var wakeup = new GatheringWakeup(inner, TimeSpan.FromMinutes(10));
        await wakeup.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wakeup.WaitAsync(TimeSpan.FromSeconds(1), stop.Token));
        wakeup.Dispose();
        Assert.True(inner.Disposed);
    }

    [Fact]
    public async Task A_lone_commit_is_not_held_back_but_commits_that_piled_up_are_gathered()
    {
        var lone = new GatheringWakeup(new Counted(1), TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++) await lone.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"three lone commits took {clock.Elapsed}");

        var piled = new GatheringWakeup(new Counted(7), TimeSpan.FromMilliseconds(300));
        await piled.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        clock.Restart();
        await piled.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(295), $"a wake by seven commits came after {clock.Elapsed}");
    }
}
