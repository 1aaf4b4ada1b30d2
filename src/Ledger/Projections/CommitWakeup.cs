using JasperFx.Events.Daemon.HighWater;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// Wakes Marten's high-water agent when a commit NOTIFYs <c>ledger_events</c> (notify.sql), else at the poll's timeout.
/// Marten's own listener drains the notifications it holds each time the agent starts waiting, so one that came while
/// the agent was still reading the previous mark was dropped, and that commit waited for the next poll (a second idle,
/// ten minutes in ReadmeClaimTests). Here a notification is kept until a wait takes it: at worst the agent looks once
/// more and finds nothing new. After (re)connecting, the first wait returns at once, since commits made before the
/// LISTEN was in place sent their notification to no one.
/// </summary>
public sealed class CommitWakeup(NpgsqlDataSource db, ILogger logger, string channel = "ledger_events") : IDaemonWakeup, ICommitCount
{
    private readonly SemaphoreSlim _notified = new(0, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private NpgsqlConnection? _listening;
    private int _commits;

    /// <summary>The commits notified since the last call.</summary>
    public int TakeCommits() => Interlocked.Exchange(ref _commits, 0);
    private Task? _receiving;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        if (_listening is null)
        {
            try
            {
                await ListenAsync(token);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "cannot LISTEN on {Channel}: polling every {Timeout} until the database answers", channel, timeout);
                await Task.Delay(timeout, token);
                return;
            }
        }
        await _notified.WaitAsync(timeout, token);
    }

    private async Task ListenAsync(CancellationToken token)
    {
        var connection = await db.OpenConnectionAsync(token);
        connection.Notification += OnNotification;
        await using (var listen = connection.CreateCommand())
        {
            listen.CommandText = $"LISTEN {channel}";
            await listen.ExecuteNonQueryAsync(token);
        }
        _listening = connection;
        _receiving = Task.Run(() => ReceiveAsync(connection, _lifetime.Token), CancellationToken.None);
    }

    private async Task ReceiveAsync(NpgsqlConnection connection, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested) await connection.WaitAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The next wait listens again, and returns at once: what was committed meanwhile is looked for.
            logger.LogWarning(ex, "the LISTEN connection on {Channel} failed", channel);
            connection.Notification -= OnNotification;
            _listening = null;
            await connection.DisposeAsync();
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        Interlocked.Increment(ref _commits);
        // One pending wake is enough, however many commits came since the agent last looked.
        try { _notified.Release(); }
        catch (SemaphoreFullException) { }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        try { _receiving?.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
        if (_listening is { } connection)
        {
            connection.Notification -= OnNotification;
            connection.Dispose();
        }
        _lifetime.Dispose();
    }
}
