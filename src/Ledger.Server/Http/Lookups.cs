using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Server.Http;

/// <summary>Turns the names a request gives into what commands need: an admin1 name or alias into its region,
/// a source id into the registered source with its kind and rank.</summary>
public sealed class Lookups(IStreamStates streams, RegionDirectory directory, Releases.ReleaseBook releases, Actors.ActorDirectory actors) : INames
{
    public Task<Actors.ActorIndex> ActorsAsync(bool reload = false, CancellationToken ct = default) =>
        reload ? actors.ReloadAsync(ct) : actors.CurrentAsync(ct);

    /// <summary>The registry as of a point, for reads as of it; the present's otherwise.</summary>
    public Task<Actors.ActorIndex> ActorsAsOfAsync(long? position, CancellationToken ct = default) =>
        position is { } p ? actors.AsOfAsync(p, ct) : actors.CurrentAsync(ct);

    /// <summary>After this node changed an actor: the next name it resolves sees the change.</summary>
    public Task ActorsChangedAsync(CancellationToken ct = default) => actors.ReloadAsync(ct);

    /// <summary>A named release, for reads with <c>release=</c>.</summary>
    public Task<Releases.Release?> ReleaseAsync(string name, CancellationToken ct = default) => releases.FindAsync(name, ct);

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
        return Slug.IsValid(nameOrAlias) ? (await streams.RegionAsync(nameOrAlias)).Definition : null;
    }

    /// <summary>A region's name by id, from the regions known so far (a loaded index starts from the gazetteer).</summary>
    public string? NameOf(string? regionId) => (_regions ?? Gazetteer.Index).NameOf(regionId);

    public string? ArabicNameOf(string? regionId) => (_regions ?? Gazetteer.Index).ArabicNameOf(regionId);

    public async Task<IReadOnlyCollection<RegionDefined>> AllRegionsAsync(CancellationToken ct = default)
    {
        _regions = await directory.LoadAsync(ct);
        return _regions.All;
    }

    /// <summary>A registered source by its id in any case ("SOHR" is sohr).</summary>
    public async Task<SourceRef?> SourceAsync(string id)
    {
        id = Slug.Fold(id);
        if (!Slug.IsValid(id)) return null;
        var state = await streams.SourceAsync(id);
        return state.Exists ? new SourceRef(state.Id!, state.Kind, state.EffectiveRank) : null;
    }
}
