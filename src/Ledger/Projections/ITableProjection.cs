using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// A read model in plain tables, run by Marten's async daemon (<see cref="DaemonProjection"/>). A projection
/// declares its tables (<see cref="TablesSql"/>, idempotent, applied at start), reads what it needs of them, and
/// returns its writes: the daemon sends them in one transaction with its progress, so a batch is applied once
/// or not at all.
/// </summary>
public interface ITableProjection
{
    string Name { get; }

    /// <summary>The tables this projection owns; a rebuild empties them.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>CREATE ... IF NOT EXISTS for its tables and indexes.</summary>
    string TablesSql { get; }

    /// <summary>The event types it projects; null for every type. Marten's daemon then loads only these (a rebuild of
    /// the regions reads the region events, not the whole log).</summary>
    IReadOnlyList<Type>? EventTypes { get; }

    /// <summary>The writes for a batch of events in position order (events of other streams included: skip them).
    /// Reads see every earlier batch: the daemon commits one before it projects the next.</summary>
    Task<IReadOnlyList<ProjectionWrite>> ProjectAsync(NpgsqlDataSource db, IReadOnlyList<ProjectedEvent> events, CancellationToken ct);
}
