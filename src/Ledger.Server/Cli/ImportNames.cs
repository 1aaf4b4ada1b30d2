using Ledger.Import;
using Ledger.Incidents;
using Ledger.Names;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Server.Cli;

/// <summary>Names as an import sees them: the ledger's regions, sources and actors, plus whatever the file defined or
/// registered on earlier lines, before it is even written. Resolved by <see cref="Names"/>, the API's resolver.</summary>
public sealed class ImportNames : INameStore
{
    private readonly ImportSession _session;
    private readonly RegionIndex _index;
    private readonly Actors.ActorDirectory _actors;

    public ImportNames(ImportSession session, RegionIndex index, Actors.ActorDirectory actors)
    {
        (_session, _index, _actors) = (session, index, actors);
        Names = new NameResolver(this);
    }

    public NameResolver Names { get; }

    public static async Task<ImportNames> LoadAsync(ImportSession session, RegionDirectory directory) =>
        new(session, await directory.LoadAsync(), new Actors.ActorDirectory(directory.DataSource));

    private readonly Dictionary<string, Actors.ActorState> _fileActors = new(StringComparer.Ordinal);

    /// <summary>The registry as stored, with the actors this file registered or changed on earlier lines over it.</summary>
    public async Task<Actors.ActorIndex> ActorsAsync(bool reload = false, CancellationToken ct = default)
    {
        var stored = reload ? await _actors.ReloadAsync(ct) : await _actors.CurrentAsync(ct);
        if (_fileActors.Count == 0) return stored;
        // Built once per change (of the file's actors or of the stored registry), not per lookup: an import resolves
        // a name or two for every line, and a registry of hundreds indexed anew each time made a GED import 3x slower.
        if (_merged is { } m && ReferenceEquals(m.Stored, stored)) return m.Index;
        var index = new Actors.ActorIndex(stored.All.Where(a => !_fileActors.ContainsKey(a.Id!)).Concat(_fileActors.Values));
        _merged = (stored, index);
        return index;
    }

    private (Actors.ActorIndex Stored, Actors.ActorIndex Index)? _merged;

    /// <summary>An actor this file changed: its names resolve on the next line.</summary>
    public Task LearnAsync(Actors.ActorState actor, CancellationToken ct = default)
    {
        _fileActors[actor.Id!] = actor;
        _merged = null;
        return Task.CompletedTask;
    }

    // The index holds the ledger's regions as the import began and every one the file defined since (Defined).
    public Task<RegionIndex> RegionsAsync(bool reload, CancellationToken ct = default) => Task.FromResult(_index);

    public async Task<RegionDefined?> DefinedRegionAsync(string regionId, CancellationToken ct = default) =>
        (await _session.StateAsync(RegionDecider.Kind, regionId)).Definition;

    public async Task<SourceRef?> SourceAsync(string sourceId, CancellationToken ct = default)
    {
        var s = await _session.StateAsync(SourceDecider.Kind, sourceId);
        return s.Exists ? new SourceRef(s.Id!, s.Kind, s.EffectiveRank) : null;
    }

    /// <summary>A region the file just defined or aliased becomes resolvable by its names on the next line.</summary>
    public void Learn(RegionDefined region)
    {
        try { _index.Add(region); } catch (ArgumentException) { /* the decider already refused a clash, or the gazetteer holds the name */ }
    }
}
