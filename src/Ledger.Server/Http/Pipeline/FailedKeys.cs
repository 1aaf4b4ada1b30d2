using System.Collections.Concurrent;

namespace Ledger.Server.Http.Pipeline;

/// <summary>Unknown API keys per client address in a sliding minute: past <see cref="Limit"/>, the address is refused
/// until its oldest failure leaves the window. Kept in memory per node: a guesser spread over nodes gets each node's limit.</summary>
public sealed class FailedKeys(TimeProvider? clock = null)
{
    public const int Limit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    public bool Throttled(string client)
    {
        if (!_failures.TryGetValue(client, out var times)) return false;
        lock (times)
        {
            Trim(times);
            return times.Count >= Limit;
        }
    }

    public void Record(string client)
    {
        var times = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            Trim(times);
            times.Enqueue(_clock.GetUtcNow());
        }
        // Addresses that stopped failing are forgotten, so the table cannot grow without bound.
        if (_failures.Count > 10_000)
            foreach (var (k, q) in _failures)
                lock (q) { Trim(q); if (q.Count == 0) _failures.TryRemove(k, out _); }
    }

    private void Trim(Queue<DateTimeOffset> times)
    {
        var since = _clock.GetUtcNow() - Window;
        while (times.Count > 0 && times.Peek() < since) times.Dequeue();
    }
}
