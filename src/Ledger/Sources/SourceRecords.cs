using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Regions;
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

    private static readonly string[] RegionalTypes = [.. new[] { typeof(RegionalFigureReported), typeof(RegionalFigureRevised), typeof(RegionalFigureDisputed) }
        .Select(t => EventTypes.Ledger.All.First(n => n.Type == t).Name)];

    public async Task<SourceRecord> OfAsync(string source, long? asOfPosition, CancellationToken ct = default) =>
        (await OfAllAsync([source], asOfPosition, ct))[0];

    /// <summary>The records of many sources from one read of the log (sources.csv), their regional figures' with them.</summary>
    public async Task<IReadOnlyList<SourceRecord>> OfAllAsync(IEnumerable<string> sources, long? asOfPosition, CancellationToken ct = default)
    {
        var log = await LogAsync(asOfPosition, ct);
        var regional = await RegionalLogAsync(asOfPosition, ct);
        return [.. sources.Select(source => SourceRecord.Of(source, log) with { Regional = RegionalRecord.Of(source, regional) })];
    }

    private async Task<List<(string, IRegionEvent)>> RegionalLogAsync(long? asOfPosition, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("source_regional_events.sql"));
        cmd.Parameters.AddWithValue("types", RegionalTypes);
        cmd.Parameters.AddWithValue("position", asOfPosition ?? long.MaxValue);
        var log = new List<(string, IRegionEvent)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) log.Add((r.GetString(0), (IRegionEvent)EventTypes.Ledger.Deserialize(r.GetString(1), r.GetString(2))));
        return log;
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
