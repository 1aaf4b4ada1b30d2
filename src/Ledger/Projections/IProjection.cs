using Ledger.EventStore;
using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// A read model fed by the store's read-all. <see cref="ApplyAsync"/> writes inside the runner's
/// transaction, which also advances the projection's checkpoint: a batch is applied once or not at all.
/// </summary>
public interface IProjection
{
    string Name { get; }

    /// <summary>The tables this projection owns; a rebuild empties them.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>Applies a batch of events in position order (events of other streams included: skip them).</summary>
    Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<RecordedEvent> events, CancellationToken ct);
}
