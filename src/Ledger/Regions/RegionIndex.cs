using System.Globalization;
using System.Text;

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

    private static readonly string[] LatinArticles = ["al", "ar", "as", "ad", "an", "ash", "az", "at", "el"];

    /// <summary>
    /// The comparison key. Latin: lower case, no diacritics, no leading article, letters and digits only.
    /// Arabic (CONTRACT §1): harakat and tatweel dropped, أ إ آ ٱ read as ا, ة as ه, ى as ي, and the article ال
    /// dropped from every word, so that "السويداء" and "سويداء", "حماه" and "حماة" meet.
    /// </summary>
    internal static string Key(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (Folded(c) is not { } f) continue;
            if (char.IsLetterOrDigit(f)) word.Append(f);
            else if (word.Length > 0) { words.Add(word.ToString()); word.Clear(); }
        }
        if (word.Length > 0) words.Add(word.ToString());
        if (words.Count > 1 && LatinArticles.Contains(words[0])) words.RemoveAt(0);
        for (var i = 0; i < words.Count; i++)
            if (words[i].Length > 3 && words[i].StartsWith("ال", StringComparison.Ordinal)) words[i] = words[i][2..];
        return string.Concat(words);
    }

    /// <summary>One character as the key sees it: null for what is dropped.</summary>
    private static char? Folded(char c) => c switch
    {
        '\'' or '\u2019' or '\u02bc' or '`' => null,
        '\u0640' => null,                                        // tatweel
        >= '\u064B' and <= '\u065F' or '\u0670' => null,           // harakat, shadda, sukun, superscript alef
        '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627',  // أ إ آ ٱ -> ا
        '\u0629' => '\u0647',                                    // ة -> ه
        '\u0649' or '\u06CC' => '\u064A',                        // ى and Persian ی -> ي
        '\u06A9' => '\u0643',                                    // Persian ک -> ك
        _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark => null,
        _ => c,
    };
}
