using Ledger.Import;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Server.Http;
using Ledger.Sources;

namespace Ledger.Server.Cli;

/// <summary>Names as an import sees them: the gazetteer and the ledger's regions and sources, plus whatever
/// the file defined or registered on earlier lines, before it is even written.</summary>
public sealed class ImportNames(ImportSession session, RegionIndex index, Ledger.Actors.ActorDirectory actors) : INames
{
    public static async Task<ImportNames> LoadAsync(ImportSession session, RegionDirectory directory) =>
        new(session, await directory.LoadAsync(), new Ledger.Actors.ActorDirectory(directory.DataSource));

    public Task<Ledger.Actors.ActorIndex> ActorsAsync(bool reload = false, CancellationToken ct = default) =>
        reload ? actors.ReloadAsync(ct) : actors.CurrentAsync(ct);

    public async Task<RegionDefined?> RegionAsync(string? nameOrAlias, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(nameOrAlias)) return null;
        if (index.Resolve(nameOrAlias) is { } found) return found;
        if (!Slug.IsValid(nameOrAlias)) return null;
        var state = await session.StateAsync(RegionDecider.Kind, nameOrAlias);
        return state.Definition;
    }

    public async Task<SourceRef?> SourceAsync(string id)
    {
        // As over HTTP: "SOHR" on an import line is the source sohr (it was refused here while the API took it).
        id = Slug.Fold(id);
        if (!Slug.IsValid(id)) return null;
        var s = await session.StateAsync(SourceDecider.Kind, id);
        return s.Exists ? new SourceRef(s.Id!, s.Kind, s.EffectiveRank) : null;
    }

    /// <summary>A region the file just defined becomes resolvable by its names on the next line.</summary>
    public void Defined(RegionDefined region)
    {
        try { index.Add(region); } catch (ArgumentException) { /* the decider already refused a clash, or the gazetteer holds the name */ }
    }
}
