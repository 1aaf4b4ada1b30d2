using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Serialization;
using Ledger.Sources;
using Npgsql;
using NpgsqlTypes;
using static Ledger.Projections.Batch;

namespace Ledger.Projections;

/// <summary>Registered sources, with the rank reconciliation uses for them.</summary>
public sealed class SourceProjection(EventTypes? eventTypes = null) : IProjection
{
    private readonly EventTypes _types = eventTypes ?? EventTypes.Ledger;

    public string Name => "sources";
    public IReadOnlyList<string> Tables { get; } = ["projections.sources"];

    public Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<RecordedEvent> events, CancellationToken ct) =>
        ExecuteAsync(conn, tx, events.Where(e => e.Type == nameof(SourceRegistered)).Select(e =>
        {
            var s = (SourceRegistered)_types.Deserialize(e.Type, e.Data);
            return Command("insert_source.sql", new NpgsqlParameter { Value = s.SourceId }, new NpgsqlParameter { Value = s.Name },
                new NpgsqlParameter { Value = FigureIds.Kebab(s.Kind) },
                new NpgsqlParameter { Value = (object?)s.Url ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new NpgsqlParameter { Value = (object?)s.Rank ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
                new NpgsqlParameter { Value = s.Rank ?? SourceRanks.DefaultFor(s.Kind) }, new NpgsqlParameter { Value = e.RecordedAt });
        }), ct);
}
