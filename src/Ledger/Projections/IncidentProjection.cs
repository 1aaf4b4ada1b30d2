using System.Text.Json;
using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Serialization;
using Npgsql;
using static Ledger.Projections.Batch;

namespace Ledger.Projections;

/// <summary>
/// Current incidents, their full history, and their tally contributions with the position range during
/// which each held. Each batch loads the folded states it needs, applies the events in memory, and
/// writes every table in one round trip.
/// </summary>
public sealed class IncidentProjection : ITableProjection
{
    private static readonly string Prefix = Incidents.IncidentDecider.Kind.StreamPrefix;

    public string Name => "incidents";

    public IReadOnlyList<string> Tables { get; } =
        ["projections.incidents", "projections.incident_history", "projections.tally_contributions", "projections.tally_cells",
         "projections.tally_cell_keys", "projections.incident_versions"];

    public string TablesSql => SqlText.Get("incidents.tables.sql");
    public IReadOnlyList<Type>? EventTypes => null;

    public async Task<IReadOnlyList<ProjectionWrite>> ProjectAsync(NpgsqlDataSource db, IReadOnlyList<ProjectedEvent> events, CancellationToken ct)
    {
        var mine = events.Where(e => e.StreamId.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (mine.Count == 0) return [];
        await using var conn = await db.OpenConnectionAsync(ct);
        var states = await LoadAsync(conn, mine.Select(e => e.StreamId[Prefix.Length..]).Distinct().ToArray(), ct);

        var history = new List<IncidentHistoryEntry>();
        var touched = new Dictionary<string, Touched>(StringComparer.Ordinal);
        foreach (var e in mine)
        {
            var id = e.StreamId[Prefix.Length..];
            var before = states.GetValueOrDefault(id) ?? IncidentState.Initial;
            var @event = (IIncidentEvent)e.Data;
            var after = before.Apply(@event, e.Context);
            states[id] = after;
            history.Add(IncidentHistoryEntry.Of(@event, before, after, e.Type, e.Context));

            if (!touched.TryGetValue(id, out var t)) touched[id] = t = new Touched(e.RecordedAt, TallyContribution.Of(before), IncidentListing.Of(before));
            t.Version = e.Version;
            t.Position = e.Position;
            t.UpdatedAt = e.RecordedAt;
            var contributions = TallyContribution.Of(after);
            if (!contributions.SequenceEqual(t.Changes.Count > 0 ? t.Changes[^1].Rows : t.InitialRows)) t.Changes.Add((e.Position, contributions));
            var listing = IncidentListing.Of(after);
            if (listing != (t.Listings.Count > 0 ? t.Listings[^1].Listing : t.InitialListing)) t.Listings.Add((e.Position, listing));
        }

        var incidents = touched.Where(t => states[t.Key].Exists).ToList();
        var changed = touched.Where(t => t.Value.Changes.Count > 0).ToList();
        var rows = changed.SelectMany(t => t.Value.Changes.SelectMany((c, i) => c.Rows.Select(r =>
            (Row: r, From: c.Position, To: i + 1 < t.Value.Changes.Count ? t.Value.Changes[i + 1].Position : (long?)null)))).ToList();

        var cells = await CellVersionsAsync(conn, changed.Select(t => t.Value), ct);
        var relisted = touched.Where(t => t.Value.Listings.Count > 0).ToList();
        var listings = relisted.SelectMany(t => t.Value.Listings.Select((l, i) =>
            (Id: t.Key, l.Listing, From: l.Position, To: i + 1 < t.Value.Listings.Count ? t.Value.Listings[i + 1].Position : (long?)null)))
            .Where(l => l.Listing is not null).Select(l => (l.Id, Listing: l.Listing!, l.From, l.To)).ToList();
        var listed = incidents.Select(t => IncidentListing.Of(states[t.Key])!).ToList();

        return [
            Command("upsert_incidents.sql",
                P(incidents.Select(t => t.Key)), P(incidents.Select(t => t.Value.Version)), P(incidents.Select(t => t.Value.Position)),
                P(incidents.Select(t => states[t.Key].Title)), P(listed.Select(l => l.Country)), P(listed.Select(l => l.Admin1)),
                P(listed.Select(l => l.OccurredFrom)), P(listed.Select(l => l.Type)), P(listed.Select(l => l.Retracted)),
                P(listed.Select(l => l.Disputed)),
                P(incidents.Select(t => t.Value.FirstRecordedAt)), P(incidents.Select(t => t.Value.UpdatedAt)),
                P(incidents.Select(t => JsonSerializer.Serialize(states[t.Key], LedgerJson.Options))),
                P(listed.Select(l => l.Perpetrator)), P(listed.Select(l => l.Sources)), P(listed.Select(l => l.PartyClasses)),
                P(listed.Select(l => l.Categories)), P(listed.Select(l => l.Contested)), P(listed.Select(l => l.Search)),
                P(listed.Select(l => l.OccurredTo))),
            Command("insert_incident_history.sql",
                P(history.Select(h => h.Position)), P(history.Select(h => h.IncidentId)), P(history.Select(h => h.Version)),
                P(history.Select(h => h.Type)), P(history.Select(h => h.RecordedAt)), P(history.Select(h => h.RecordedBy)),
                P(history.Select(h => h.FigureId)), P(history.Select(h => h.DisputeId)),
                Jsonb(history.Select(h => Json(h.ValueBefore))), Jsonb(history.Select(h => Json(h.ValueAfter))),
                P(history.Select(h => h.StatusBefore is { } s ? FigureIds.Kebab(s) : null)),
                P(history.Select(h => h.StatusAfter is { } s ? FigureIds.Kebab(s) : null)),
                P(history.Select(h => h.Reason))),
            Command("close_contributions.sql", P(changed.Select(t => t.Key)), P(changed.Select(t => t.Value.Changes[0].Position))),
            Command("insert_contributions.sql",
                P(rows.Select(r => r.Row.IncidentId)), P(rows.Select(r => FigureIds.Kebab(r.Row.Category))),
                P(rows.Select(r => FigureIds.Kebab(r.Row.PartyClass))), P(rows.Select(r => r.Row.Country)),
                P(rows.Select(r => r.Row.Admin1)), P(rows.Select(r => r.Row.OccurredFrom)),
                P(rows.Select(r => r.Row.Low)), P(rows.Select(r => r.Row.Best)), P(rows.Select(r => r.Row.High)),
                P(rows.Select(r => r.Row.Unquantified)), P(rows.Select(r => r.From)), P(rows.Select(r => r.To)),
                P(rows.Select(r => r.Row.Contested)), P(rows.Select(r => r.Row.Disputed)), P(rows.Select(r => r.Row.OccurredTo))),
            .. CellCommands(cells),
            Command("close_listings.sql", P(relisted.Select(t => t.Key)), P(relisted.Select(t => t.Value.Listings[0].Position))),
            Command("insert_listings.sql",
                P(listings.Select(l => l.Id)), P(listings.Select(l => l.Listing.Country)), P(listings.Select(l => l.Listing.Admin1)),
                P(listings.Select(l => l.Listing.OccurredFrom)), P(listings.Select(l => l.Listing.OccurredTo)),
                P(listings.Select(l => l.Listing.Type)), P(listings.Select(l => l.Listing.Retracted)), P(listings.Select(l => l.Listing.Disputed)),
                P(listings.Select(l => l.Listing.Perpetrator)), P(listings.Select(l => l.Listing.Sources)),
                P(listings.Select(l => l.Listing.PartyClasses)), P(listings.Select(l => l.Listing.Categories)),
                P(listings.Select(l => l.Listing.Contested)), P(listings.Select(l => l.Listing.Search)),
                P(listings.Select(l => l.From)), P(listings.Select(l => l.To))),
        ];
    }

    private sealed record CellVersions(List<(CellKey Key, long Position)> Closed, List<(CellKey Key, CellValue Value, long From, long? To)> Versions,
        List<CellKey> Created);

    /// <summary>Turns each changed incident's successive rows into cell deltas, and the deltas of each cell into its
    /// versions after the cell's current one: a version per position at which the cell moved.</summary>
    private static async Task<CellVersions> CellVersionsAsync(NpgsqlConnection conn, IEnumerable<Touched> changed, CancellationToken ct)
    {
        var deltas = new Dictionary<CellKey, SortedDictionary<long, CellValue>>();
        foreach (var t in changed)
        {
            var previous = TallyCells.Of(t.InitialRows);
            foreach (var (position, rows) in t.Changes)
            {
                var now = TallyCells.Of(rows);
                foreach (var (key, delta) in TallyCells.Delta(previous, now))
                {
                    if (!deltas.TryGetValue(key, out var byPosition)) deltas[key] = byPosition = [];
                    byPosition[position] = byPosition.GetValueOrDefault(position) + delta;
                }
                previous = now;
            }
        }
        var result = new CellVersions([], [], []);
        if (deltas.Count == 0) return result;

        var keys = deltas.Keys.ToList();
        var current = new Dictionary<CellKey, CellValue>();
        await using (var cmd = new NpgsqlCommand(SqlText.Get("current_cells.sql"), conn))
        {
            foreach (var p in KeyParameters(keys)) cmd.Parameters.Add(new NpgsqlParameter { Value = p.Value });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                current[new CellKey(r.GetString(0), r.GetString(1), r.GetString(2)[0], r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4),
                        r.GetString(5), r.GetString(6))] =
                    new CellValue(Sums(r, 7, contested: true), Sums(r, 15, contested: false));
        }
        foreach (var (key, byPosition) in deltas)
        {
            // Changes that cancel out within one position leave the cell as it was at that position.
            var positions = byPosition.Where(p => !p.Value.IsZero).Select(p => p.Key).ToList();
            if (positions.Count == 0) continue;
            if (current.TryGetValue(key, out var value)) result.Closed.Add((key, positions[0]));
            else result.Created.Add(key);
            for (var i = 0; i < positions.Count; i++)
            {
                // A cell that empties keeps a version of zeros: an as-of lookup after that finds zeros, not its last number.
                value += byPosition[positions[i]];
                result.Versions.Add((key, value, positions[i], i + 1 < positions.Count ? positions[i + 1] : null));
            }
        }
        return result;
    }

    private static CellSums Sums(NpgsqlDataReader r, int at, bool contested) => new(r.GetInt64(at), r.GetInt64(at + 1), r.GetInt64(at + 2),
        r.GetInt64(at + 3), r.GetInt64(at + 4), r.GetInt64(at + 5), contested ? r.GetInt64(at + 6) : 0, r.GetInt64(contested ? at + 7 : at + 6));

    private static IEnumerable<SqlArg> KeyParameters(IReadOnlyList<CellKey> keys) =>
    [
        P(keys.Select(k => k.Country)), P(keys.Select(k => k.Admin1)), P(keys.Select(k => k.Span.ToString())), P(keys.Select(k => k.Period)), P(keys.Select(k => k.End)),
        P(keys.Select(k => k.Category)), P(keys.Select(k => k.PartyClass)),
    ];

    private static IEnumerable<ProjectionWrite> CellCommands(CellVersions cells)
    {
        if (cells.Closed.Count > 0)
            yield return Command("close_cells.sql", [.. KeyParameters(cells.Closed.Select(c => c.Key).ToList()), P(cells.Closed.Select(c => c.Position))]);
        if (cells.Versions.Count == 0) yield break;
        var v = cells.Versions;
        yield return Command("insert_cells.sql", [
            .. KeyParameters(v.Select(c => c.Key).ToList()),
            P(v.Select(c => c.Value.All.Incidents)), P(v.Select(c => c.Value.All.Quantified)), P(v.Select(c => c.Value.All.Low)),
            P(v.Select(c => c.Value.All.Best)), P(v.Select(c => c.Value.All.High)), P(v.Select(c => c.Value.All.Unquantified)),
            P(v.Select(c => c.Value.All.Contested)), P(v.Select(c => c.Value.All.Disputed)),
            P(v.Select(c => c.Value.WithoutClaims.Incidents)), P(v.Select(c => c.Value.WithoutClaims.Quantified)),
            P(v.Select(c => c.Value.WithoutClaims.Low)), P(v.Select(c => c.Value.WithoutClaims.Best)), P(v.Select(c => c.Value.WithoutClaims.High)),
            P(v.Select(c => c.Value.WithoutClaims.Unquantified)), P(v.Select(c => c.Value.WithoutClaims.Disputed)),
            P(v.Select(c => c.From)), P(v.Select(c => c.To)),
        ]);
        if (cells.Created.Count > 0) yield return Command("insert_cell_keys.sql", [.. KeyParameters(cells.Created)]);
    }

    private static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, LedgerJson.Options);

    private static async Task<Dictionary<string, IncidentState>> LoadAsync(NpgsqlConnection conn, string[] ids, CancellationToken ct)
    {
        var states = new Dictionary<string, IncidentState>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand(SqlText.Get("incident_states.sql"), conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            states[r.GetString(0)] = JsonSerializer.Deserialize<IncidentState>(r.GetString(1), LedgerJson.Options)!;
        return states;
    }

    private sealed class Touched(DateTimeOffset firstRecordedAt, IReadOnlyList<TallyContribution> initialRows, IncidentListing? initialListing)
    {
        public DateTimeOffset FirstRecordedAt { get; } = firstRecordedAt;
        /// <summary>The incident's rows before this batch.</summary>
        public IReadOnlyList<TallyContribution> InitialRows { get; } = initialRows;
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }
        public long Position { get; set; }
        public List<(long Position, IReadOnlyList<TallyContribution> Rows)> Changes { get; } = [];
        /// <summary>The incident's listing before this batch (null: not yet reported), and each change of it in the batch.</summary>
        public IncidentListing? InitialListing { get; } = initialListing;
        public List<(long Position, IncidentListing? Listing)> Listings { get; } = [];
    }
}
