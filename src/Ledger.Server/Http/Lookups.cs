using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Server.Http;

/// <summary>Turns the names a request gives into what commands need: an admin1 name or alias into its region,
/// a source id into the registered source with its kind and rank.</summary>
public sealed class Lookups(GrainHost grains, RegionDirectory directory)
{
    private RegionIndex? _regions;

    /// <summary>A region by id, name or alias. A miss reloads the defined regions once: misses are rare
    /// (a region defined a moment ago, or bad input, which the write rate limit bounds).</summary>
    public async Task<RegionDefined?> RegionAsync(string? nameOrAlias, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(nameOrAlias)) return null;
        if (_regions?.Resolve(nameOrAlias) is { } hit) return hit;
        var index = _regions = await directory.LoadAsync(ct);
        if (index.Resolve(nameOrAlias) is { } found) return found;
        // A region defined a moment ago may not be in the read model yet: its id still finds it in its own stream.
        return Slug.IsValid(nameOrAlias) ? (await grains.GetGrain<IRegionGrain>(nameOrAlias).GetState()).State.Definition : null;
    }

    public async Task<IReadOnlyCollection<RegionDefined>> AllRegionsAsync(CancellationToken ct = default)
    {
        _regions = await directory.LoadAsync(ct);
        return _regions.All;
    }

    public async Task<SourceRef?> SourceAsync(string id)
    {
        if (!Slug.IsValid(id)) return null;
        var state = (await grains.GetGrain<ISourceGrain>(id).GetState()).State;
        return state.Exists ? new SourceRef(state.Id!, state.Kind, state.EffectiveRank) : null;
    }

    /// <summary>The location of a request as a command needs it, or the 422 naming what is wrong.</summary>
    public async Task<(Location? Location, Reply? Problem)> LocationAsync(LocationBody body, string field)
    {
        var region = await RegionAsync(body.Admin1);
        if (region is null || region.Level != RegionLevel.Admin1)
            return (null, Problems.Invalid($"{field}.admin1 \"{body.Admin1}\" is not a known governorate (give its p-code, name or an alias)", field + ".admin1"));
        var country = body.Country.ToUpperInvariant();
        if (country != region.Country)
            return (null, Problems.Invalid($"{region.Name} ({region.RegionId}) is in {region.Country}, not {body.Country}", field + ".country"));
        return (new Location(country, region.RegionId, body.Admin2, body.Place, body.Lat, body.Lon, body.Precision), null);
    }
}
