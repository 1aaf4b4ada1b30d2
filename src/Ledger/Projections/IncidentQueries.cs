using System.Text;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Npgsql;
using static Ledger.Projections.HistoryColumns;
using NpgsqlTypes;

namespace Ledger.Projections;

/// <summary>An incident as the read model holds it: its folded state and where in the log it stands.</summary>
public sealed record IncidentView(IncidentState State, long Version, long LastPosition, DateTimeOffset ReportedAt, DateTimeOffset UpdatedAt)
{
    public IReadOnlyList<ReconciledEstimate> Reconciled => State.Reconcile();
}

public sealed record IncidentListFilter
{
    public string? Country { get; init; }
    public IReadOnlyList<string>? Admin1 { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>List incidents whose dates overlap [From, To], not only those lying inside it.</summary>
    public bool Overlapping { get; init; }
    public bool? Disputed { get; init; }
    public string? Type { get; init; }
    public bool IncludeRetracted { get; init; }
    /// <summary>Incremental sync: only incidents whose stream changed after this global position (retracted ones
    /// included, so that a copy learns of the retraction).</summary>
    public long? UpdatedAfter { get; init; }
    /// <summary>The actor ids an incident's perpetrator may carry: one actor's own and those merged into it.</summary>
    public IReadOnlyList<string>? Perpetrator { get; init; }
    /// <summary>Source, party class and category match the incident's current figures (not retracted, not excluded).</summary>
    public string? Source { get; init; }
    public PartyClass? PartyClass { get; init; }
    public FigureCategory? Category { get; init; }
    /// <summary>Incidents with a row whose numbers rest on claims alone.</summary>
    public bool? Contested { get; init; }
    /// <summary>Words in the title or description, case-insensitive.</summary>
    public string? Text { get; init; }
    /// <summary>The list as it stood at this global position (null: now). With <see cref="UpdatedAfter"/>: the incidents
    /// with an event between the two positions, as they stood at this one.</summary>
    public long? AsOfPosition { get; init; }
    /// <summary>The list as it stood at this recording time (<see cref="AsOfPosition"/> wins).</summary>
    public DateTimeOffset? AsOf { get; init; }
}

/// <summary>A page of incidents and the cursor of the next page (null on the last); <see cref="AsOf"/> is the past point
/// it shows (null: the present).</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentView> Incidents, string? NextCursor, ReadPoint? AsOf = null);

public sealed class IncidentQueries(NpgsqlDataSource db)
{
    public async Task<IncidentView?> GetAsync(string incidentId, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("incident_by_id.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = incidentId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadView(r) : null;
    }

    /// <summary>The incident's events after version <paramref name="after"/>, at most <paramref name="limit"/> of them.
    /// The stream is folded from its start (each entry shows the figure as it stood after its event), but only the
    /// page is built.</summary>
    public async Task<IReadOnlyList<IncidentHistoryEntry>> HistoryAsync(string incidentId, long after = 0, int limit = int.MaxValue, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("incident_history.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = incidentId });
        var entries = new List<IncidentHistoryEntry>();
        // Folding as we read gives each entry the figure as it stood after the event (source, certainty).
        var state = IncidentState.Initial;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var type = r.GetString(3);
            var data = r.GetString(13);
            var @event = (IIncidentEvent)EventTypes.Ledger.Deserialize(type, data);
            var recordedAt = r.GetFieldValue<DateTimeOffset>(4);
            var recordedBy = r.GetString(5);
            state = state.Apply(@event, new EventContext(r.GetInt64(2), r.GetInt64(0), recordedAt, recordedBy));
            if (r.GetInt64(2) <= after) continue;
            if (entries.Count == limit) break;
            var figureId = Text(r, 6);
            var entry = new IncidentHistoryEntry(r.GetInt64(0), r.GetString(1), r.GetInt64(2), type, recordedAt, recordedBy,
                figureId, Text(r, 7), Value(r, 8), Value(r, 9), Status(r, 10), Status(r, 11), Text(r, 12))
            {
                Data = JsonDocument.Parse(data).RootElement.Clone(),
            };
            entries.Add(entry.With(@event, figureId is null ? null : state.Figures.GetValueOrDefault(figureId)));
        }
        return entries;
    }

    /// <param name="point">The past point already resolved (an export reads many pages at one point, resolved once);
    /// otherwise the filter's point is resolved here.</param>
    /// <exception cref="FormatException">The cursor is not one this query handed out.</exception>
    public async Task<IncidentPage> ListAsync(IncidentListFilter filter, string? cursor, int limit, CancellationToken ct = default, ReadPoint? point = null)
    {
        var (afterDate, afterId) = DecodeCursor(cursor);
        filter = filter with { AsOfPosition = point?.Position ?? await ReadPoint.ResolveAsync(db, filter.AsOfPosition, filter.AsOf, ct) };
        // One list of filters for both: the present reads the current rows, a past point the listing versions alive then.
        var sql = SqlText.Get("incident_list.sql");
        sql = filter.AsOfPosition is null
            ? sql.Replace("{{columns}}", "state, version, last_position, reported_at, updated_at, occurred_date, incident_id")
                .Replace("{{rows}}", "projections.incidents").Replace("{{changed_after}}", "last_position > $18")
            : sql.Replace("{{columns}}", "incident_id, occurred_date")
                .Replace("{{rows}}", SqlText.Get("incident_rows_as_of.sql")).Replace("{{changed_after}}", SqlText.Get("incident_changed_as_of.sql"));
        List<NpgsqlParameter> parameters =
        [
            new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)filter.Admin1?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)filter.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
            new NpgsqlParameter { Value = (object?)filter.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
            new NpgsqlParameter { Value = (object?)filter.Disputed ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean },
            new NpgsqlParameter { Value = (object?)filter.Type ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)afterDate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
            new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = filter.IncludeRetracted },
            new NpgsqlParameter { Value = limit + 1 },
            new NpgsqlParameter { Value = (object?)filter.Perpetrator?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)filter.Source ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = filter.PartyClass is { } pc ? FigureIds.Kebab(pc) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = filter.Category is { } c ? FigureIds.Kebab(c) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)filter.Contested ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean },
            new NpgsqlParameter { Value = (object?)filter.Text ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = filter.Overlapping, NpgsqlDbType = NpgsqlDbType.Boolean },
            new NpgsqlParameter { Value = (object?)filter.UpdatedAfter ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
        ];
        if (filter.AsOfPosition is { } asOf)
        {
            parameters.Add(new NpgsqlParameter { Value = asOf });
            parameters.Add(new NpgsqlParameter { Value = IncidentDecider.Kind.StreamPrefix });
            return await ListAsOfAsync(sql, parameters, asOf, point, limit, ct);
        }

        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters.ToArray());
        var page = new List<(IncidentView View, DateOnly Date, string Id)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) page.Add((ReadView(r), r.GetFieldValue<DateOnly>(5), r.GetString(6)));
        var more = page.Count > limit;
        if (more) page.RemoveAt(page.Count - 1);
        return new IncidentPage(page.Select(p => p.View).ToList(), more ? EncodeCursor(page[^1].Date, page[^1].Id) : null);
    }

    /// <summary>The page's incidents as they stood at <paramref name="asOf"/>: the versions of their listings that held then
    /// choose and order them, and each is the fold of its stream up to there.</summary>
    private async Task<IncidentPage> ListAsOfAsync(string sql, List<NpgsqlParameter> parameters, long asOf, ReadPoint? point, int limit, CancellationToken ct)
    {
        // One connection, and the page, the current rows of its unchanged incidents and the point's time in one round
        // trip: as-of pages are read beside the present's single query, and each round trip cost as much as a query.
        await using var conn = await db.OpenConnectionAsync(ct);
        var page = new List<(string Id, DateOnly Date)>();
        var unchanged = new Dictionary<string, IncidentView>(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(conn))
        {
            var listing = new NpgsqlBatchCommand(SqlText.Get("incident_page_as_of.sql").Replace("{{list}}", sql));
            listing.Parameters.AddRange(parameters.ToArray());
            batch.BatchCommands.Add(listing);
            if (point is null) batch.BatchCommands.Add(ReadPoint.TimeAt(asOf));
            await using var r = await batch.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                page.Add((r.GetString(5), r.GetFieldValue<DateOnly>(6)));
                // The row past the limit only tells that there is a next page: its state is not read.
                if (!r.IsDBNull(0) && page.Count <= limit) unchanged[r.GetString(5)] = ReadView(r);
            }
            if (point is null)
            {
                await r.NextResultAsync(ct);
                point = await ReadPoint.ReadAsync(r, asOf, ct);
            }
        }
        var more = page.Count > limit;
        if (more) page.RemoveAt(page.Count - 1);
        if (page.Count == 0) return new IncidentPage([], null, point);

        var folded = page.Where(p => !unchanged.ContainsKey(p.Id)).Select(p => IncidentDecider.Kind.StreamFor(p.Id)).ToArray();
        var events = new List<RecordedEvent>();
        if (folded.Length > 0)
        {
            await using var cmd = new NpgsqlCommand(SqlText.Get("streams_up_to.sql"), conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = folded });
            cmd.Parameters.Add(new NpgsqlParameter { Value = asOf });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) events.Add(MartenEventStore.ReadEvent(r));
        }
        var streams = events.ToLookup(e => e.StreamId, StringComparer.Ordinal);
        var views = page.Select(p => unchanged.GetValueOrDefault(p.Id) ?? IncidentAsOf.Fold(streams[IncidentDecider.Kind.StreamFor(p.Id)].ToList())
            ?? throw new InvalidOperationException($"incident {p.Id} is listed at position {asOf} but its stream reports nothing by then")).ToList();
        return new IncidentPage(views, more ? EncodeCursor(page[^1].Date, page[^1].Id) : null, point);
    }

    private static IncidentView ReadView(NpgsqlDataReader r) => new(
        JsonSerializer.Deserialize<IncidentState>(r.GetString(0), LedgerJson.Options)!, r.GetInt64(1), r.GetInt64(2),
        r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4));

    private static string EncodeCursor(DateOnly date, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{date:yyyy-MM-dd}|{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateOnly?, string?) DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return (null, null);
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
            var bar = text.IndexOf('|');
            return (DateOnly.ParseExact(text[..bar], "yyyy-MM-dd"), text[(bar + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new FormatException("cursor is not one this ledger handed out", ex);
        }
    }
}
