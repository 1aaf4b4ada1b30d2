using Ledger.Actors;
using Ledger.Regions;
using Ledger.Incidents;

namespace Ledger.Names;

/// <summary>Where names come from: the ledger's regions, sources and actors as one path sees them (a node sees its
/// read models and grains; an import also sees what its file's earlier lines made). <see cref="NameResolver"/> holds
/// the rules; a store only answers lookups by id and hands over its indexes.</summary>
public interface INameStore
{
    /// <summary>The regions known here; <paramref name="reload"/> reads them again (a name was not found).</summary>
    Task<RegionIndex> RegionsAsync(bool reload, CancellationToken ct = default);

    /// <summary>A region by its exact id from its own stream: one defined a moment ago, not yet in any index.</summary>
    Task<RegionDefined?> DefinedRegionAsync(string regionId, CancellationToken ct = default);

    /// <summary>A registered source by its exact id.</summary>
    Task<SourceRef?> SourceAsync(string sourceId, CancellationToken ct = default);

    /// <summary>The actor registry now; <paramref name="reload"/> folds it again.</summary>
    Task<ActorIndex> ActorsAsync(bool reload, CancellationToken ct = default);

    /// <summary>A region this path just defined or aliased: its names resolve on the next lookup.</summary>
    void Learn(RegionDefined region);

    /// <summary>An actor this path just registered or changed: its names resolve on the next lookup.</summary>
    Task LearnAsync(ActorState actor, CancellationToken ct = default);
}
