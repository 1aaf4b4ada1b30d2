using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.Sources;

/// <summary>A source's record as of a point, folded from the log's figure events (<see cref="SourceRecord"/>). One pass
/// over the figure events up to the point: fine at the sample's size and a few hundred thousand events, not yet the
/// indexed read issue 44 asks for at 1M.</summary>
public sealed class SourceRecords(NpgsqlDataSource db)
{
    private static readonly string[] Types = [.. new[] { typeof(FigureReported), typeof(FigureRevised), typeof(FigureDisputed), typeof(DisputeResolved), typeof(FigureRetracted) }
        .Select(t => EventTypes.Ledger.All.First(n => n.Type == t).Name)];

    public async Task<SourceRecord> OfAsync(string source, long? asOfPosition, CancellationToken ct = default) =>
        SourceRecord.Of(source, await LogAsync(asOfPosition, ct));

    /// <summary>The records of many sources from one read of the log (sources.csv).</summary>
    public async Task<IReadOnlyList<SourceRecord>> OfAllAsync(IEnumerable<string> sources, long? asOfPosition, CancellationToken ct = default)
    {
        var log = await LogAsync(asOfPosition, ct);
        return [.. sources.Select(source => SourceRecord.Of(source, log))];
    }

    private async Task<List<(string, IIncidentEvent, EventContext)>> LogAsync(long? asOfPosition, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("source_record_events.sql"));
        cmd.Parameters.AddWithValue("types", Types);
        cmd.Parameters.AddWithValue("position", asOfPosition ?? long.MaxValue);
        var log = new List<(string, IIncidentEvent, EventContext)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            log.Add((r.GetString(0), (IIncidentEvent)EventTypes.Ledger.Deserialize(r.GetString(1), r.GetString(2)),
                new EventContext(r.GetInt64(3), r.GetInt64(4), r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? "" : r.GetString(6))));
        return log;
    }
}
