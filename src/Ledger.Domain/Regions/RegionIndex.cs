namespace Ledger.Regions;

/// <summary>
/// Resolves a region's id, name, Arabic name, ISO code or alias, in any case and spelling of separators and
/// articles ("Deir-ez-Zor", "deir ez zor", "DEIR EZZOR", "دير الزور", "دير زور"), to its definition.
/// </summary>
public sealed class RegionIndex
{
    private readonly Dictionary<string, RegionDefined> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionDefined> _byKey = new(StringComparer.Ordinal);

    public RegionIndex(IEnumerable<RegionDefined> regions)
    {
        foreach (var r in regions) Add(r);
    }

    public IReadOnlyCollection<RegionDefined> All => _byId.Values;

    /// <summary>Adds a region; a name or alias another region already holds is refused, so lookups stay unambiguous.</summary>
    public void Add(RegionDefined region)
    {
        var names = new[] { region.RegionId, region.Name, region.NameAr, region.IsoCode }.Concat(region.Aliases).OfType<string>();
        var keys = names.Select(Key).Where(k => k.Length > 0).Distinct().ToList();
        foreach (var key in keys)
            if (_byKey.TryGetValue(key, out var other) && other.RegionId != region.RegionId)
                throw new ArgumentException($"\"{key}\" names both {other.RegionId} and {region.RegionId}", nameof(region));
        _byId[region.RegionId] = region;
        foreach (var key in keys) _byKey[key] = region;
    }

    public RegionDefined? Resolve(string? nameOrAlias)
    {
        if (string.IsNullOrWhiteSpace(nameOrAlias)) return null;
        return _byId.TryGetValue(nameOrAlias, out var exact) ? exact
            : _byKey.TryGetValue(Key(nameOrAlias), out var found) ? found
            : null;
    }

    /// <summary>A region's name by id, or null for an id the index does not hold.</summary>
    public string? NameOf(string? regionId) => regionId is not null && _byId.TryGetValue(regionId, out var r) ? r.Name : null;

    public string? ArabicNameOf(string? regionId) => regionId is not null && _byId.TryGetValue(regionId, out var r) ? r.NameAr : null;

    /// <summary>The comparison key (<see cref="NameKey"/>).</summary>
    internal static string Key(string text) => NameKey.Of(text);
}
