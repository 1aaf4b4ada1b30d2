using System.Globalization;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Ledger.Sources;
using Npgsql;

namespace Ledger.Projections;

/// <summary>One row a read model serves that the log does not say: which read model, which row, what the fold of the
/// log gives, and what is served.</summary>
public sealed record ReadModelDifference(string ReadModel, string Row, string Expected, string Served);

/// <summary>What the audit compared, and what differed.</summary>
public sealed record ReadModelReport(long Position, int Incidents, int TallyRows, int Sources, IReadOnlyList<ReadModelDifference> Differences)
{
    public bool Ok => Differences.Count == 0;
}

/// <summary>
/// Checks the read models against the log. The hash chain and checkpoints prove the events; but the runtime role
/// may write the read models (they are rebuilt from the log), so a rewritten tally would be served while the chain
/// still verifies. This folds the log again with the domain's own folds and reconciliation, up to a position, and
/// compares what the queries serve there: tallies (by place, class and category, by category alone, and by month),
/// the incidents and their histories, and (at the head) the sources.
/// </summary>
public sealed class ReadModelAudit(NpgsqlDataSource db, TallyQueries tallies, IncidentQueries incidents, SourceQueries sources)
{
    private static readonly TallyDimension[][] Groupings =
    [
        [TallyDimension.Country, TallyDimension.Admin1, TallyDimension.PartyClass, TallyDimension.Category],
        [TallyDimension.Country, TallyDimension.Admin1, TallyDimension.Category],
        [TallyDimension.Country, TallyDimension.Month, TallyDimension.Category],
    ];

    /// <param name="atHead">The position is the head: the present's reads (current rows, the sources) are checked too,
    /// unless the ledger moves on while the audit runs (then the present is no longer the fold up to the position, and
    /// only the reads as of it are compared).</param>
    public async Task<ReadModelReport> CheckAsync(long position, bool atHead, CancellationToken ct = default)
    {
        var log = await ReadLogAsync(position, ct);
        atHead = atHead && await EventFeed.HeadAsync(db, ct) == position;
        var folded = log.Where(e => IncidentDecider.Kind.Owns(e.StreamId)).GroupBy(e => e.StreamId, StringComparer.Ordinal)
            .Select(g => IncidentAsOf.Fold(g.ToList())).OfType<IncidentView>().ToDictionary(v => v.State.Id!, StringComparer.Ordinal);
        var differences = new List<ReadModelDifference>();
        var tallyRows = 0;
        foreach (var dims in Groupings)
        {
            var expected = ExpectedTally(folded.Values, dims);
            tallyRows += expected.Count;
            foreach (var point in atHead ? new long?[] { position, null } : [position])
            {
                var served = (await tallies.TalliesAsync(new TallyFilter { AsOfPosition = point }, dims, ct)).Rows.ToDictionary(TallyKey, Numbers, StringComparer.Ordinal);
                Compare(point is null ? "tallies" : "tallies as of " + position.ToString(CultureInfo.InvariantCulture), expected, served, differences);
            }
        }
        await CompareIncidentsAsync(folded, position, atHead, differences, ct);
        await CompareHistoriesAsync(folded.Keys, log, position, differences, ct);
        var sourceCount = 0;
        if (atHead) sourceCount = await CompareSourcesAsync(log, differences, ct);
        return new ReadModelReport(position, folded.Count, tallyRows, sourceCount, differences);
    }

    private async Task<List<RecordedEvent>> ReadLogAsync(long position, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("audit_log_up_to.sql"));
        cmd.Parameters.AddWithValue("position", position);
        cmd.Parameters.AddWithValue("incidents", IncidentDecider.Kind.StreamPrefix);
        cmd.Parameters.AddWithValue("sources", SourceDecider.Kind.StreamPrefix);
        var events = new List<RecordedEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) events.Add(MartenEventStore.ReadEvent(r));
        return events;
    }

    /// <summary>Tally rows by the contract's rules, from the folded incidents: each incident's reconciled rows, added up
    /// per group; an incident counts once per group; retracted incidents count nowhere.</summary>
    private static Dictionary<string, string> ExpectedTally(IEnumerable<IncidentView> folded, TallyDimension[] dims) =>
        folded.Where(v => !v.State.Retracted)
            .SelectMany(v => v.State.Reconcile().Select(row => (v.State, Row: row)))
            .GroupBy(c => TallyKey(new TallyRow(
                dims.Contains(TallyDimension.Admin1) ? c.State.Location!.Admin1 : null,
                dims.Contains(TallyDimension.Month) ? MonthOf(c.State.Occurred!) : null, null,
                dims.Contains(TallyDimension.PartyClass) ? c.Row.PartyClass : null, c.Row.Category, null, null, null, 0, 0, 0, 0)
                { Country = c.State.Location!.Country }), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Numbers(new TallyRow(null, null, null, null, null,
                Sum(g.Select(c => c.Row.Low)), Sum(g.Select(c => c.Row.Best)), Sum(g.Select(c => c.Row.High)),
                g.Select(c => c.State.Id).Distinct().Count(), g.Sum(c => (long)c.Row.Unquantified),
                g.Where(c => c.Row.Contested).Select(c => c.State.Id).Distinct().Count(),
                g.Where(c => c.Row.Disputed).Select(c => c.State.Id).Distinct().Count())), StringComparer.Ordinal);

    private static long? Sum(IEnumerable<long?> values)
    {
        var list = values.ToList();
        return list.Any(v => v is not null) ? list.Sum(v => v ?? 0) : null;
    }

    /// <summary>The month an incident's whole interval lies in; none when it crosses a month's end.</summary>
    private static string? MonthOf(Occurrence o) =>
        o.Start.Year == o.End.Year && o.Start.Month == o.End.Month ? o.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null;

    private static string TallyKey(TallyRow r) =>
        string.Join('/', r.Country ?? "-", r.Admin1 ?? "-", r.Month ?? "-", r.PartyClass is { } pc ? FigureIds.Kebab(pc) : "-", r.Category is { } c ? FigureIds.Kebab(c) : "-");

    private static string Numbers(TallyRow r) => string.Create(CultureInfo.InvariantCulture,
        $"low {r.Low?.ToString() ?? "-"}, best {r.Best?.ToString() ?? "-"}, high {r.High?.ToString() ?? "-"}, incidents {r.Incidents}, unquantified {r.Unquantified}, contested {r.Contested}, disputed {r.Disputed}");

    private static void Compare(string model, Dictionary<string, string> expected, Dictionary<string, string> served, List<ReadModelDifference> into)
    {
        foreach (var key in expected.Keys.Union(served.Keys).Order(StringComparer.Ordinal))
        {
            var e = expected.GetValueOrDefault(key) ?? "no row";
            var s = served.GetValueOrDefault(key) ?? "no row";
            if (e != s) into.Add(new ReadModelDifference(model, key, e, s));
        }
    }

    private async Task CompareIncidentsAsync(Dictionary<string, IncidentView> folded, long position, bool atHead, List<ReadModelDifference> into, CancellationToken ct)
    {
        var served = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = new IncidentListFilter { IncludeRetracted = true, AsOfPosition = atHead ? null : position };
        string? cursor = null;
        do
        {
            var page = await incidents.ListAsync(filter, cursor, 500, ct);
            foreach (var v in page.Incidents) served[v.State.Id!] = Describe(v);
            cursor = page.NextCursor;
        } while (cursor is not null);
        Compare("incidents", folded.ToDictionary(x => x.Key, x => Describe(x.Value), StringComparer.Ordinal), served, into);
    }

    private static string Describe(IncidentView v) => string.Create(CultureInfo.InvariantCulture,
        $"version {v.Version}, {JsonSerializer.Serialize(v.State, LedgerJson.Options)}");

    private async Task CompareHistoriesAsync(IEnumerable<string> ids, List<RecordedEvent> log, long position, List<ReadModelDifference> into, CancellationToken ct)
    {
        var streams = log.ToLookup(e => e.StreamId, StringComparer.Ordinal);
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            var expected = string.Join("; ", streams[IncidentDecider.Kind.StreamFor(id)].Select(e => $"{e.Version} at {e.Position} by {e.RecordedBy}"));
            var served = string.Join("; ", (await incidents.HistoryAsync(id, ct: ct)).Where(h => h.Position <= position)
                .Select(h => $"{h.Version} at {h.Position} by {h.RecordedBy}"));
            if (expected != served) into.Add(new ReadModelDifference("incident history", id, expected, served));
        }
    }

    private async Task<int> CompareSourcesAsync(List<RecordedEvent> log, List<ReadModelDifference> into, CancellationToken ct)
    {
        var expected = log.Where(e => SourceDecider.Kind.Owns(e.StreamId)).GroupBy(e => e.StreamId, StringComparer.Ordinal)
            .Select(g => SourceDecider.Kind.Fold(g.Select(e => ((ISourceEvent)EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context))))
            .Where(s => s.Exists)
            .ToDictionary(s => s.Id!, s => $"{s.Name}, {FigureIds.Kebab(s.Kind)}, rank {s.EffectiveRank}, {s.Url ?? "no url"}", StringComparer.Ordinal);
        var served = (await sources.ListAsync(ct)).ToDictionary(s => s.Id, s => $"{s.Name}, {FigureIds.Kebab(s.Kind)}, rank {s.EffectiveRank}, {s.Url ?? "no url"}", StringComparer.Ordinal);
        Compare("sources", expected, served, into);
        return expected.Count;
    }
}
