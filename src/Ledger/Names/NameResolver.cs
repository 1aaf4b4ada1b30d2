using Ledger.Actors;
using Ledger.Drafting;
using Ledger.Incidents;
using Ledger.Regions;


namespace Ledger.Names;

/// <summary>
/// The one place a name becomes an id, for the API, imports, the CLI and drafting alike: a source by its id in any
/// case ("SOHR" is sohr); an actor by id, name or alias in any language, as the registry stands; a region by id,
/// name, Arabic name, ISO code, p-code or alias, within a country where one is given; a country by its codes or
/// names; an incident type by id or alias. A miss reads the store again once, since another node or an earlier
/// line may have just made the name.
/// </summary>
public sealed class NameResolver(INameStore store)
{
    public async Task<RegionDefined?> RegionAsync(string? name, string? country = null, RegionLevel? level = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        if ((await store.RegionsAsync(false, ct)).Resolve(name, country, level) is { } hit) return hit;
        if ((await store.RegionsAsync(true, ct)).Resolve(name, country, level) is { } found) return found;
        // A region defined a moment ago may not be in any index yet: its id still finds it in its own stream.
        return Slug.IsValid(name) && await store.DefinedRegionAsync(name, ct) is { } defined && (level is null || defined.Level == level)
            ? defined : null;
    }

    /// <summary>A country by its alpha-2 or alpha-3 code or its name, in English or Arabic ("ye", "YEM", "Yemen", "اليمن").</summary>
    public async Task<RegionDefined?> CountryAsync(string? codeOrName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(codeOrName)) return null;
        return (await store.RegionsAsync(false, ct)).Country(codeOrName)
            ?? (await store.RegionsAsync(true, ct)).Country(codeOrName);
    }

    /// <summary>Every region known, the ledger's and the atlas's; <paramref name="reload"/> reads them again first.</summary>
    public Task<RegionIndex> RegionIndexAsync(bool reload = false, CancellationToken ct = default) => store.RegionsAsync(reload, ct);

    /// <summary>What a command just stored that names resolve from: a region's definition or an actor.</summary>
    public async Task LearnAsync(object state, CancellationToken ct = default)
    {
        switch (state)
        {
            case RegionState { Definition: { } region }: store.Learn(region); break;
            case ActorState { Id: not null } actor: await store.LearnAsync(actor, ct); break;
        }
    }

    /// <summary>A registered source by its id in any case.</summary>
    public async Task<SourceRef?> SourceAsync(string? id, CancellationToken ct = default)
    {
        if (id is null) return null;
        id = Slug.Fold(id);
        return Slug.IsValid(id) ? await store.SourceAsync(id, ct) : null;
    }

    /// <summary>The actor a name gives, as the registry stands now, or null.</summary>
    public async Task<ActorState?> ActorAsync(string? name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        return (await store.ActorsAsync(false, ct)).Resolve(name) ?? (await store.ActorsAsync(true, ct)).Resolve(name);
    }

    public Task<ActorIndex> ActorsAsync(bool reload = false, CancellationToken ct = default) => store.ActorsAsync(reload, ct);

    /// <summary>An incident type by id or alias ("airstrike" is air-strike).</summary>
    public static IncidentType? Type(string? name) => name is null ? null : IncidentTypes.Types.Resolve(name);

    /// <summary>What drafting reads names with: the regions and actors as this path knows them now.</summary>
    public async Task<DraftVocabulary> DraftVocabularyAsync(CancellationToken ct = default) =>
        new(await store.RegionsAsync(false, ct), await store.ActorsAsync(false, ct));
}
