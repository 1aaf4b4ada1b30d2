using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Npgsql;
using static Ledger.Projections.HistoryColumns;

namespace Ledger.Changes;

/// <summary>What changed between two points of the log: each incident and figure event between them (from the
/// incidents projection's history, which keeps every figure's value before and after), and the tally rows whose
/// numbers differ as of the one and as of the other.</summary>
public sealed class ChangeQueries(NpgsqlDataSource db, TallyQueries tallies)
{
    public async Task<ChangeSet> BetweenAsync(LogPoint from, LogPoint to, int limit, CancellationToken ct = default)
    {
        var incidents = new List<IncidentChange>();
        var figures = new List<FigureChange>();
        long? last = null;
        var read = 0;
        await using (var cmd = db.CreateCommand(SqlText.Get("changes.sql")))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = from.Position });
            cmd.Parameters.Add(new NpgsqlParameter { Value = to.Position });
            cmd.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (++read > limit) break;
                var (position, incident, type, at, by) = (r.GetInt64(0), r.GetString(1), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5));
                last = position;
                var (change, ofIncident) = ChangeKinds.Of(type);
                if (ofIncident) incidents.Add(new IncidentChange(position, at, by, incident, change, Text(r, 12)));
                else figures.Add(new FigureChange(position, at, by, incident, Text(r, 6) ?? "", change, Value(r, 8), Value(r, 9),
                    Status(r, 10), Status(r, 11), Text(r, 7), Text(r, 12)));
            }
        }
        var next = read > limit ? last : null;
        return new ChangeSet(from, to, incidents, figures, await TallyMovesAsync(from.Position, to.Position, ct), next);
    }

    /// <summary>Rows by country, governorate and category whose low, best, high or incident count moved.</summary>
    private async Task<List<TallyMove>> TallyMovesAsync(long from, long to, CancellationToken ct)
    {
        TallyDimension[] by = [TallyDimension.Admin1];
        var before = (await tallies.TalliesAsync(new TallyFilter { AsOfPosition = from }, by, ct)).Rows.ToDictionary(Key);
        var after = (await tallies.TalliesAsync(new TallyFilter { AsOfPosition = to }, by, ct)).Rows.ToDictionary(Key);
        var moves = new List<TallyMove>();
        foreach (var key in before.Keys.Union(after.Keys).Order())
        {
            var b = before.GetValueOrDefault(key);
            var a = after.GetValueOrDefault(key);
            if (b is not null && a is not null && (b.Low, b.Best, b.High, b.Incidents) == (a.Low, a.Best, a.High, a.Incidents)) continue;
            var row = a ?? b!;
            moves.Add(new TallyMove(row.Country, row.Admin1, row.Category!.Value, b?.Low, b?.Best, b?.High, a?.Low, a?.Best, a?.High,
                b?.Incidents ?? 0, a?.Incidents ?? 0));
        }
        return moves;
    }

    private static (string, string, string) Key(TallyRow r) => (r.Country ?? "", r.Admin1 ?? "", FigureIds.Kebab(r.Category!.Value));
}
