using Ledger.EventStore;
using Ledger.Sources;
using Npgsql;

namespace Ledger.Projections;

public sealed record SourceView(string Id, string Name, SourceKind Kind, string? Url, int? Rank, int EffectiveRank, DateTimeOffset RegisteredAt);

public sealed class SourceQueries(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<SourceView>> ListAsync(CancellationToken ct = default)
    {
        var sources = new List<SourceView>();
        await using var cmd = db.CreateCommand(SqlText.Get("sources.sql"));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            sources.Add(new SourceView(r.GetString(0), r.GetString(1), Enums.Parse<SourceKind>(r.GetString(2)),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetInt32(4), r.GetInt32(5), r.GetFieldValue<DateTimeOffset>(6)));
        return sources;
    }
}
