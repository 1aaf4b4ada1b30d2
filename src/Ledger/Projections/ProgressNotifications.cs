using System.Collections.Concurrent;
using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// Each projection shard's committed position as PostgreSQL announces it: a trigger on Marten's progress table
/// NOTIFYs <c>ledger_progress</c> at commit (R_progress_notify.sql), and one connection per process listens. A
/// read-your-writes wait is woken by these announcements, so a hundred waiting readers cost one listening
/// connection instead of a hundred polls.
/// </summary>
internal sealed class ProgressNotifications : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, long> _shards = new(StringComparer.Ordinal);
    private TaskCompletionSource _next = NewSignal();
    private readonly Task _listening;

    public ProgressNotifications(NpgsqlDataSource db)
    {
        _db = db;
        _listening = Task.Run(ListenAsync);
    }

    /// <summary>Whether the listening connection is up: only then are <see cref="Shards"/> current.</summary>
    public bool Listening { get; private set; }

    /// <summary>Each shard's position as last announced (or read when listening began).</summary>
    public IReadOnlyDictionary<string, long> Shards => _shards;

    /// <summary>Completes at the next announcement, or when listening starts or stops.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var conn = await _db.OpenConnectionAsync(_stop.Token);
                _shards.Clear();
                conn.Notification += (_, e) =>
                {
                    var cut = e.Payload.LastIndexOf('|');
                    if (cut > 0 && long.TryParse(e.Payload.AsSpan(cut + 1), out var position)) _shards[e.Payload[..cut]] = position;
                    Signal();
                };
                await using (var listen = new NpgsqlCommand("LISTEN ledger_progress", conn)) await listen.ExecuteNonQueryAsync(_stop.Token);
                // What was committed before LISTEN is read once; everything after arrives as announcements, which are
                // never older than this read (a commit after LISTEN is announced), so they are not overwritten.
                await using (var read = new NpgsqlCommand(EventStore.SqlText.Get("progress.sql"), conn))
                await using (var r = await read.ExecuteReaderAsync(_stop.Token))
                    while (await r.ReadAsync(_stop.Token)) _shards.TryAdd(r.GetString(0), r.GetInt64(1));
                Listening = true;
                Signal();
                while (true) await conn.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                // The host disposed the data source first: it is shutting down.
                Listening = false;
                Signal();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database restarted or the connection was cut: waiters fall back to reading progress until
                // the listener is back.
                Listening = false;
                Signal();
                try { await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private int _disposed;

    // The host may dispose the daemon, and with it this listener, more than once.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        try { await _listening; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
