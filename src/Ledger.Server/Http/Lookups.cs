using Ledger.Incidents;
using Ledger.Names;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Server.Http;

/// <summary>Names as a node sees them: its read models of regions, its grains' sources, the actor registry; and the
/// reads' helpers (a region's name by id, a release by name, the registry as of a point). Every name a request gives
/// is resolved by <see cref="Names"/>, the same resolver an import uses.</summary>
public sealed class Lookups : INameStore
{
    private readonly IStreamStates _streams;
    private readonly RegionDirectory _directory;
    private readonly Releases.ReleaseBook _releases;
    private readonly Actors.ActorDirectory _actors;
    private RegionIndex? _regions;

    public Lookups(IStreamStates streams, RegionDirectory directory, Releases.ReleaseBook releases, Actors.ActorDirectory actors)
    {
        (_streams, _directory, _releases, _actors) = (streams, directory, releases, actors);
        Names = new NameResolver(this);
    }

    public NameResolver Names { get; }

    public Task<Actors.ActorIndex> ActorsAsync(bool reload = false, CancellationToken ct = default) =>
        reload ? _actors.ReloadAsync(ct) : _actors.CurrentAsync(ct);

    /// <summary>The registry as of a point, for reads as of it; the present's otherwise.</summary>
    public Task<Actors.ActorIndex> ActorsAsOfAsync(long? position, CancellationToken ct = default) =>
        position is { } p ? _actors.AsOfAsync(p, ct) : _actors.CurrentAsync(ct);

    /// <summary>After this node changed an actor: the next name it resolves sees the change.</summary>
    public Task LearnAsync(Actors.ActorState actor, CancellationToken ct = default) => _actors.ReloadAsync(ct);

    private readonly List<RegionDefined> _changedHere = [];

    /// <summary>After this node changed a region: its names resolve here at once, also before the read model of regions
    /// has caught up (and across reloads until it has).</summary>
    public void Learn(RegionDefined definition)
    {
        lock (_changedHere) _changedHere.Add(definition);
        _regions = null;
    }

    /// <summary>A named release, for reads with <c>release=</c>.</summary>
    public Task<Releases.Release?> ReleaseAsync(string name, CancellationToken ct = default) => _releases.FindAsync(name, ct);

    /// <summary>The regions, cached; reloaded on a miss (misses are rare: a region defined a moment ago, or bad input,
    /// which the write rate limit bounds).</summary>
    public async Task<RegionIndex> RegionsAsync(bool reload, CancellationToken ct = default)
    {
        if (!reload && _regions is { } cached) return cached;
        var index = await _directory.LoadAsync(ct);
        RegionDefined[] changed;
        lock (_changedHere) changed = [.. _changedHere];
        foreach (var definition in changed)
        {
            // The read model has it once it holds this many aliases: from then on the overlay is not needed.
            if (index.Holds(definition.RegionId) && index.Resolve(definition.RegionId)!.Aliases.Count >= definition.Aliases.Count)
            {
                lock (_changedHere) _changedHere.Remove(definition);
                continue;
            }
            try { index.Add(definition); } catch (ArgumentException) { /* a name another region holds: the read model's wins */ }
        }
        return _regions = index;
    }

    public async Task<RegionDefined?> DefinedRegionAsync(string regionId, CancellationToken ct = default) =>
        (await _streams.RegionAsync(regionId)).Definition;

    public async Task<SourceRef?> SourceAsync(string sourceId, CancellationToken ct = default)
    {
        var state = await _streams.SourceAsync(sourceId);
        return state.Exists ? new SourceRef(state.Id!, state.Kind, state.EffectiveRank) : null;
    }

    /// <summary>A region's name by id, from the regions known so far (before any is loaded: the gazetteer and the atlas).</summary>
    public string? NameOf(string? regionId) => (_regions ?? IsoCodes.Index).NameOf(regionId);

    public string? ArabicNameOf(string? regionId) => (_regions ?? IsoCodes.Index).ArabicNameOf(regionId);

    /// <summary>The countries the ledger holds (defined, or with incidents), with their names, by name.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> CountriesAsync(CancellationToken ct = default)
    {
        var index = await RegionsAsync(false, ct);
        return (await _directory.CountriesAsync(index, ct)).Select(c => (c, index.Country(c)?.Name ?? c))
            .OrderBy(c => c.Item2, StringComparer.Ordinal).ToList();
    }

    /// <summary>The regions the ledger holds (its gazetteer and those defined by event), read again.</summary>
    public async Task<IReadOnlyCollection<RegionDefined>> HeldRegionsAsync(CancellationToken ct = default) =>
        (await RegionsAsync(true, ct)).Held;
}
