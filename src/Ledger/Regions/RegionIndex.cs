using System.Globalization;
using System.Text;

namespace Ledger.Regions;

/// <summary>
/// Resolves a region's id, name or alias, in any case and spelling of separators and articles
/// ("Deir-ez-Zor", "deir ez zor", "DEIR EZZOR"), to its definition.
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
        var keys = new[] { region.RegionId, region.Name }.Concat(region.Aliases).Select(Key).Where(k => k.Length > 0).Distinct().ToList();
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

    private static readonly string[] Articles = ["al", "ar", "as", "ad", "an", "ash", "az", "at", "el"];

    /// <summary>Lower case, no diacritics, no leading Arabic article, letters and digits only.</summary>
    internal static string Key(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019' or '\u02bc' or '`') continue;
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
        }
        if (word.Length > 0) words.Add(word.ToString());
        if (words.Count > 1 && Articles.Contains(words[0])) words.RemoveAt(0);
        return string.Concat(words);
    }
}
