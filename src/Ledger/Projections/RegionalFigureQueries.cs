using System.Text.Json;
using Ledger.EventStore;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.Projections;

public sealed record RegionalFigureChange(long Position, long Version, string Type, DateTimeOffset RecordedAt, string RecordedBy,
    FigureValue? ValueBefore, FigureValue? ValueAfter, string? Reason);

/// <summary>What the ledger's own incidents add up to for a regional figure's area, period, category and party class
/// (for an attack count, the number of incidents). <see cref="Straddling"/> counts those whose dates overlap the period
/// without lying inside it, which are not in the numbers; <see cref="Contested"/> those whose numbers rest on a
/// perpetrator's claims alone, and <see cref="BestWithoutClaims"/> is the best without them, so that a claim is never
/// read as a count beside a monitor's.</summary>
public sealed record IncidentDerivedTally(DateOnly From, DateOnly To, long? Low, long? Best, long? High, long Incidents, long Straddling = 0,
    long Contested = 0, long Disputed = 0, long? BestWithoutClaims = null);

public sealed record RegionalFigureView(RegionalFigureState Figure, IReadOnlyList<RegionalFigureChange> History, IncidentDerivedTally IncidentTally);

public sealed class RegionalFigureQueries(NpgsqlDataSource db, TallyQueries tallies)
{
    /// <summary>A region's figures, each with its history and what the ledger's incidents add up to; as of
    /// <paramref name="asOf"/> (a position the ledger has reached), the fold of the region's stream up to there, its
    /// history up to there, and the incidents and tallies as they stood then.</summary>
    public async Task<(RegionDefined Region, IReadOnlyList<RegionalFigureView> Figures)?> GetAsync(string regionId, long? asOf = null, CancellationToken ct = default)
    {
        var state = asOf is { } p ? await StateAsOfAsync(regionId, p, ct) : await CurrentStateAsync(regionId, ct);
        if (state?.Definition is null) return null;

        var history = new List<(string Figure, RegionalFigureChange Change)>();
        await using (var cmd = db.CreateCommand(SqlText.Get("regional_history.sql")))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = regionId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                if (asOf is null || r.GetInt64(0) <= asOf)
                    history.Add((r.GetString(1), new RegionalFigureChange(r.GetInt64(0), r.GetInt64(2), r.GetString(3),
                    r.GetFieldValue<DateTimeOffset>(4), r.GetString(5), Value(r, 6), Value(r, 7), r.IsDBNull(8) ? null : r.GetString(8))));
        }

        var scope = RegionDirectory.ScopeOf(state.Definition);
        var views = new List<RegionalFigureView>();
        foreach (var figure in state.Figures.Values)
        {
            // docs/CONTRACT.md §1: an open period ends at the figure's (latest) publication, else when it was recorded:
            // "at least 570 since March 2019", published in June 2020, is not compared with 2024's deaths.
            var to = figure.Period.To ?? DateOnly.FromDateTime((figure.PublishedAt ?? figure.RecordedAt).UtcDateTime);
            views.Add(new RegionalFigureView(figure, history.Where(h => h.Figure == figure.FigureId).Select(h => h.Change).ToList(),
                await DerivedTallyAsync(scope, figure, to, asOf, ct)));
        }
        return (state.Definition, views);
    }

    private async Task<RegionState?> CurrentStateAsync(string regionId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("region_states.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = new[] { regionId } });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? JsonSerializer.Deserialize<RegionState>(r.GetString(1), LedgerJson.Options) : null;
    }

    private async Task<RegionState?> StateAsOfAsync(string regionId, long asOf, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("streams_up_to.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = new[] { RegionDecider.Kind.StreamFor(regionId) } });
        cmd.Parameters.Add(new NpgsqlParameter { Value = asOf });
        var events = new List<RecordedEvent>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) events.Add(MartenEventStore.ReadEvent(r));
        return events.Count == 0 ? null
            : RegionDecider.Kind.Fold(events.Select(e => ((IRegionEvent)EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context)));
    }

    private async Task<IncidentDerivedTally> DerivedTallyAsync(RegionScope scope, RegionalFigureState figure, DateOnly to, long? asOf, CancellationToken ct)
    {
        if (figure.Category == FigureCategory.Attacks)
        {
            await using var cmd = db.CreateCommand(SqlText.Get(asOf is null ? "incident_count.sql" : "incident_count_as_of.sql"));
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scope.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scope.Admin1?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = figure.Period.From });
            cmd.Parameters.Add(new NpgsqlParameter { Value = to });
            if (asOf is { } p) cmd.Parameters.Add(new NpgsqlParameter { Value = p });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            var count = r.GetInt64(0);
            return new IncidentDerivedTally(figure.Period.From, to, count, count, count, count, r.GetInt64(1));
        }
        var filter = new TallyFilter
        {
            Country = scope.Country, Admin1 = scope.Admin1, From = figure.Period.From, To = to,
            Category = figure.Category, PartyClass = figure.PartyClass, AsOfPosition = asOf,
        };
        var row = (await tallies.TalliesAsync(filter, [], ct)).Rows.Single();
        var withoutClaims = row.Contested > 0 ? (await tallies.TalliesAsync(filter with { ExcludeClaims = true }, [], ct)).Rows.Single().Best ?? 0 : (long?)null;
        return new IncidentDerivedTally(figure.Period.From, to, row.Low, row.Best, row.High, row.Incidents, row.Straddling, row.Contested, row.Disputed, withoutClaims);
    }

    private static FigureValue? Value(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : JsonSerializer.Deserialize<FigureValue>(r.GetString(i), LedgerJson.Options);
}
