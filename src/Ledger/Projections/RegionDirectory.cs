using System.Text.Json;
using Ledger.EventStore;
using Ledger.Regions;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.Projections;

/// <summary>Where a region reaches in tally terms: a country, or a set of admin1 ids.</summary>
public sealed record RegionScope(string? Country, IReadOnlyList<string>? Admin1);

/// <summary>The gazetteer plus every region defined in the ledger, over the world's atlas (<see cref="IsoCodes"/>),
/// resolvable by id, name or alias.</summary>
public sealed class RegionDirectory(NpgsqlDataSource db)
{
    /// <summary>The database the regions are read from (an import reads its other names there too).</summary>
    public NpgsqlDataSource DataSource => db;

    public async Task<RegionIndex> LoadAsync(CancellationToken ct = default)
    {
        var index = new RegionIndex(Gazetteer.Regions, IsoCodes.Atlas);
        await using var cmd = db.CreateCommand(SqlText.Get("defined_regions.sql"));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var definition = JsonSerializer.Deserialize<RegionState>(r.GetString(0), LedgerJson.Options)!.Definition!;
            try { index.Add(definition); }
            catch (ArgumentException) { /* a defined region cannot take a name the gazetteer holds; the gazetteer's wins */ }
        }
        return index;
    }

    /// <summary>The countries the ledger holds: those it defines and those its incidents are placed in.</summary>
    public async Task<IReadOnlyList<string>> CountriesAsync(RegionIndex index, CancellationToken ct = default)
    {
        var codes = index.Held.Where(r => r.Level == RegionLevel.Country).Select(r => r.Country).ToHashSet(StringComparer.Ordinal);
        await using var cmd = db.CreateCommand(SqlText.Get("incident_countries.sql"));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) codes.Add(r.GetString(0));
        return [.. codes.Order(StringComparer.Ordinal)];
    }

    /// <summary>A country covers its country code; an area its member admin1s; an admin1 (or admin2) itself.</summary>
    public static RegionScope ScopeOf(RegionDefined region) => region.Level switch
    {
        RegionLevel.Country => new RegionScope(region.Country, null),
        RegionLevel.Area => new RegionScope(null, region.Members),
        RegionLevel.Admin1 => new RegionScope(null, [region.RegionId]),
        _ => new RegionScope(null, region.ParentId is null ? [region.RegionId] : [region.ParentId]),
    };
}
