using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Sources;
using Npgsql;
using NpgsqlTypes;
using static Ledger.Projections.Batch;

namespace Ledger.Projections;

/// <summary>Registered sources, with the rank reconciliation uses for them.</summary>
public sealed class SourceProjection : ITableProjection
{
    public string Name => "sources";
    public IReadOnlyList<string> Tables { get; } = ["projections.sources"];
    public string TablesSql => SqlText.Get("sources.tables.sql");
    public IReadOnlyList<Type>? EventTypes { get; } = [typeof(SourceRegistered)];

    public Task<IReadOnlyList<ProjectionWrite>> ProjectAsync(NpgsqlDataSource db, IReadOnlyList<ProjectedEvent> events, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProjectionWrite>>(events.Where(e => e.Data is SourceRegistered).Select(e =>
        {
            var s = (SourceRegistered)e.Data;
            return Command("insert_source.sql", V(s.SourceId), V(s.Name), V(FigureIds.Kebab(s.Kind)), V(s.Url, NpgsqlDbType.Text),
                V(s.Rank, NpgsqlDbType.Integer), V(s.Rank ?? SourceRanks.DefaultFor(s.Kind)), V(e.RecordedAt));
        }).ToList());
}
