namespace Ledger.Regions;

/// <summary>
/// Resolves a region's id, name, Arabic name, ISO code or alias, in any case and spelling of separators and
/// articles ("Deir-ez-Zor", "deir ez zor", "DEIR EZZOR", "دير الزور", "دير زور"), to its definition.
/// Two layers: the regions the ledger holds (its gazetteer and every region defined or amended by event), whose
/// names are unique; and beneath them an atlas of the world's countries and first-level divisions (ISO 3166), whose
/// names may repeat across countries ("Central"), so that a name found only there resolves when it names one region,
/// or one in the country given. A region the ledger holds hides its atlas twin (same id or ISO code).
/// </summary>
public sealed class RegionIndex
{
    private readonly Dictionary<string, RegionDefined> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionDefined> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RegionDefined>> _atlasByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionDefined> _held = new(StringComparer.Ordinal);
    private readonly HashSet<string> _heldIsoCodes = new(StringComparer.Ordinal);

    public RegionIndex(IEnumerable<RegionDefined> regions, IEnumerable<RegionDefined>? atlas = null)
    {
        foreach (var r in regions) Add(r);
        foreach (var r in atlas ?? [])
        {
            if (_held.ContainsKey(r.RegionId) || r.IsoCode is { } iso && _heldIsoCodes.Contains(iso)) continue;
            _byId[r.RegionId] = r;
            foreach (var key in Keys(r))
            {
                if (!_atlasByKey.TryGetValue(key, out var list)) _atlasByKey[key] = list = [];
                list.Add(r);
            }
        }
    }

    /// <summary>Every region: those the ledger holds and the atlas's others.</summary>
    public IReadOnlyCollection<RegionDefined> All => _byId.Values;

    /// <summary>The regions the ledger holds (its gazetteer and the regions defined by event).</summary>
    public IReadOnlyCollection<RegionDefined> Held => _held.Values;

    /// <summary>Whether the ledger holds the region (rather than only the atlas).</summary>
    public bool Holds(string regionId) => _held.ContainsKey(regionId);

    /// <summary>Adds a region the ledger holds; a name or alias another such region already holds is refused, so
    /// lookups stay unambiguous.</summary>
    public void Add(RegionDefined region)
    {
        var keys = Keys(region);
        foreach (var key in keys)
            if (_byKey.TryGetValue(key, out var other) && other.RegionId != region.RegionId)
                throw new ArgumentException($"\"{key}\" names both {other.RegionId} and {region.RegionId}", nameof(region));
        if (_held.TryGetValue(region.RegionId, out var before))
            foreach (var key in Keys(before)) _byKey.Remove(key);
        _held[region.RegionId] = _byId[region.RegionId] = region;
        if (region.IsoCode is { } iso) _heldIsoCodes.Add(iso);
        foreach (var key in keys) _byKey[key] = region;
    }

    /// <summary>The region a name gives, or null: unknown, or an atlas name that several regions share. With
    /// <paramref name="country"/>, an atlas name is looked for in that country only; with <paramref name="level"/>,
    /// only regions of that level are found.</summary>
    public RegionDefined? Resolve(string? nameOrAlias, string? country = null, RegionLevel? level = null)
    {
        if (string.IsNullOrWhiteSpace(nameOrAlias)) return null;
        bool Fits(RegionDefined r) => level is null || r.Level == level;
        if (_byId.TryGetValue(nameOrAlias, out var exact) && Fits(exact)) return exact;
        var key = Key(nameOrAlias);
        if (_byKey.TryGetValue(key, out var held) && Fits(held)) return held;
        if (!_atlasByKey.TryGetValue(key, out var candidates)) return null;
        var found = candidates.Where(r => Fits(r) && !_held.ContainsKey(r.RegionId)
            && (r.IsoCode is null || !_heldIsoCodes.Contains(r.IsoCode))
            && (country is null || r.Country == country)).Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>A country by its alpha-2 or alpha-3 code, name or alias, in English or Arabic.</summary>
    public RegionDefined? Country(string? codeOrName) => Resolve(codeOrName, level: RegionLevel.Country)
        ?? (codeOrName is { Length: 2 } ? Resolve(codeOrName.ToLowerInvariant(), level: RegionLevel.Country) : null);

    /// <summary>A region's name by id, or null for an id the index does not hold.</summary>
    public string? NameOf(string? regionId) => regionId is not null && _byId.TryGetValue(regionId, out var r) ? r.Name : null;

    public string? ArabicNameOf(string? regionId) => regionId is not null && _byId.TryGetValue(regionId, out var r) ? r.NameAr : null;

    private static List<string> Keys(RegionDefined region) =>
        new[] { region.RegionId, region.Name, region.NameAr, region.IsoCode }.Concat(region.Aliases).OfType<string>()
            .Select(Key).Where(k => k.Length > 0).Distinct().ToList();

    /// <summary>The comparison key (<see cref="NameKey"/>).</summary>
    internal static string Key(string text) => NameKey.Of(text);
}
