using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ledger.Telemetry;

/// <summary>
/// The ledger's own instruments, on the meter <c>Ledger</c>: what operators watch on an event store (appends,
/// batch sizes, commit latency, conflicts, retries, replays) and on its read side (projection lag and rebuild
/// progress, feed reads). Exported by the server at <c>/metrics</c> with OpenTelemetry.
/// </summary>
public static class LedgerMetrics
{
    public const string MeterName = "Ledger";
    private static readonly Meter Meter = new(MeterName, "1.0");

    public static readonly Counter<long> EventsAppended =
        Meter.CreateCounter<long>("ledger.events.appended", "{event}", "Events committed to the log.");
    public static readonly Counter<long> AppendTransactions =
        Meter.CreateCounter<long>("ledger.append.transactions", "{transaction}", "Append transactions committed (each may hold many streams' appends).");
    public static readonly Histogram<long> AppendBatchSize =
        Meter.CreateHistogram<long>("ledger.append.batch.size", "{append}", "Stream appends committed together in one transaction (group commit).");
    public static readonly Histogram<double> CommitDuration =
        Meter.CreateHistogram<double>("ledger.append.commit.duration", "s", "Time from opening an append transaction to its commit.");
    public static readonly Counter<long> VersionConflicts =
        Meter.CreateCounter<long>("ledger.append.conflicts", "{append}", "Appends refused because the stream had moved past the expected version.");
    public static readonly Counter<long> ConcurrencyRetries =
        Meter.CreateCounter<long>("ledger.concurrency.retries", "{retry}", "Commands decided again after another writer moved their stream.");
    public static readonly Counter<long> IdempotentReplays =
        Meter.CreateCounter<long>("ledger.idempotent.replays", "{request}", "Requests answered from a stored Idempotency-Key answer, appending nothing.");
    public static readonly Counter<long> FeedReads =
        Meter.CreateCounter<long>("ledger.feed.reads", "{request}", "Reads of the change feed.");
    public static readonly Counter<long> FeedEvents =
        Meter.CreateCounter<long>("ledger.feed.events", "{event}", "Events served by the change feed.");
    public static readonly Counter<long> ProjectedEvents =
        Meter.CreateCounter<long>("ledger.projection.events", "{event}", "Events applied by a projection (tag projection).");

    private static readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> LagSources = new();
    private static readonly ConcurrentDictionary<string, (long Position, long Head)> Rebuilds = new();

    static LedgerMetrics()
    {
        Meter.CreateObservableGauge("ledger.projection.lag", () => LagSources.Values.SelectMany(s => s()), "{event}",
            "Positions a projection is behind the head of the log (tag projection).");
        Meter.CreateObservableGauge("ledger.projection.rebuild.remaining",
            () => Rebuilds.Select(r => new Measurement<long>(Math.Max(0, r.Value.Head - r.Value.Position), new KeyValuePair<string, object?>("projection", r.Key))),
            "{event}", "Events a running rebuild still has to apply (tag projection); absent when no rebuild runs.");
    }

    /// <summary>Reports projection lag from <paramref name="measure"/> until the returned handle is disposed.</summary>
    public static IDisposable TrackLag(Func<IEnumerable<Measurement<long>>> measure)
    {
        var key = new object();
        LagSources[key] = measure;
        return new Release(() => LagSources.TryRemove(key, out _));
    }

    public static void RebuildProgress(string projection, long position, long head)
    {
        if (position >= head) Rebuilds.TryRemove(projection, out _);
        else Rebuilds[projection] = (position, head);
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
