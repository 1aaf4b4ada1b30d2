using System.Text.Json;
using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Serialization;
using Npgsql;
using static Ledger.Projections.Batch;

namespace Ledger.Projections;

/// <summary>Defined regions with their folded state (regional figures included), and every change of
/// every regional figure with its value before and after.</summary>
public sealed class RegionProjection : ITableProjection
{
    private static readonly string Prefix = Regions.RegionDecider.Kind.StreamPrefix;

    public string Name => "regions";
    public IReadOnlyList<string> Tables { get; } = ["projections.regions", "projections.regional_figure_history"];
    public string TablesSql => SqlText.Get("regions.tables.sql");
    public IReadOnlyList<Type>? EventTypes { get; } = [.. Serialization.EventTypes.Ledger.All.Select(t => t.Type).Where(t => t.IsAssignableTo(typeof(IRegionEvent)))];

    public async Task<IReadOnlyList<ProjectionWrite>> ProjectAsync(NpgsqlDataSource db, IReadOnlyList<ProjectedEvent> events, CancellationToken ct)
    {
        var mine = events.Where(e => e.StreamId.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (mine.Count == 0) return [];
        var states = new Dictionary<string, (RegionState State, long Version)>(StringComparer.Ordinal);
        await using (var load = db.CreateCommand(SqlText.Get("region_states.sql")))
        {
            load.Parameters.Add(new NpgsqlParameter { Value = mine.Select(e => e.StreamId[Prefix.Length..]).Distinct().ToArray() });
            await using var r = await load.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                states[r.GetString(0)] = (JsonSerializer.Deserialize<RegionState>(r.GetString(1), LedgerJson.Options)!, 0);
        }

        var history = new List<(ProjectedEvent E, string Region, string Figure, object? Before, object? After, string? Reason)>();
        foreach (var e in mine)
        {
            var id = e.StreamId[Prefix.Length..];
            var before = states.GetValueOrDefault(id).State ?? RegionState.Initial;
            var @event = (IRegionEvent)e.Data;
            var after = before.Apply(@event, e.Context);
            states[id] = (after, e.Version);
            var (figure, reason) = @event switch
            {
                RegionalFigureReported x => (x.FigureId, null),
                RegionalFigureRevised x => (x.FigureId, x.Reason),
                RegionalFigureDisputed x => (x.FigureId, x.Reason),
                _ => ((string?)null, (string?)null),
            };
            if (figure is not null)
                history.Add((e, id, figure, before.Figures.GetValueOrDefault(figure)?.Value, after.Figures.GetValueOrDefault(figure)?.Value, reason));
        }

        var commands = states.Where(s => s.Value.Version > 0 && s.Value.State.Exists).Select(s =>
        {
            var d = s.Value.State.Definition!;
            return Command("upsert_region.sql", V(d.RegionId), V(d.Name), V(d.Country), V(FigureIds.Kebab(d.Level)),
                V(d.ParentId, NpgsqlTypes.NpgsqlDbType.Text), V(d.Aliases.ToArray()), V(d.Members.ToArray()), V(s.Value.Version),
                V(JsonSerializer.Serialize(s.Value.State, LedgerJson.Options)));
        }).ToList();
        commands.Add(Command("insert_regional_history.sql",
            P(history.Select(h => h.E.Position)), P(history.Select(h => h.Region)), P(history.Select(h => h.Figure)),
            P(history.Select(h => h.E.Version)), P(history.Select(h => h.E.Type)), P(history.Select(h => h.E.RecordedAt)),
            P(history.Select(h => h.E.RecordedBy)),
            Jsonb(history.Select(h => h.Before is null ? null : JsonSerializer.Serialize(h.Before, LedgerJson.Options))),
            Jsonb(history.Select(h => h.After is null ? null : JsonSerializer.Serialize(h.After, LedgerJson.Options))),
            P(history.Select(h => h.Reason))));
        return commands;
    }
}
