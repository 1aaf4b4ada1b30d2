using System.Globalization;
using System.Text;

namespace Ledger;

/// <summary>
/// The key names are compared by, for places, actors and incident types alike. Latin: lower case, no diacritics, no
/// leading article, letters and digits only. Arabic (docs/CONTRACT.md §1): harakat and tatweel dropped, أ إ آ ٱ read
/// as ا, ة as ه, ى as ي, and the article ال dropped from every word, so that "السويداء" and "سويداء", "حماه" and
/// "حماة" meet.
/// </summary>
public static class NameKey
{
    private static readonly string[] LatinArticles = ["al", "ar", "as", "ad", "an", "ash", "az", "at", "el"];

    // The ledger runs with invariant globalization, where Normalize(FormD) leaves "ḥ" whole: the Latin letters that
    // transliterations of Arabic, Kurdish and Turkish names carry are folded by this table instead.
    private static readonly Dictionary<char, char> LatinPlain = new[]
    {
        ("àáâãäåāăąạ", 'a'), ("çćĉċč", 'c'), ("ďđḍḏḑḋ", 'd'), ("èéêëēĕėęěẹ", 'e'), ("ĝğġģǧ", 'g'), ("ĥħḥẖḫḩḣḧ", 'h'),
        ("ìíîïĩīĭįıị", 'i'), ("ĵ", 'j'), ("ķḳḵ", 'k'), ("ĺļľŀł", 'l'), ("ñńņňṇ", 'n'), ("òóôõöøōŏőọ", 'o'), ("ŕŗř", 'r'),
        ("śŝşšṣ", 's'), ("ţťŧṭṯ", 't'), ("ùúûüũūŭůűųụ", 'u'), ("ŵ", 'w'), ("ýÿŷỳ", 'y'), ("źżžẓẕ", 'z'),
    }.SelectMany(p => p.Item1.Select(c => (c, p.Item2))).ToDictionary(p => p.c, p => p.Item2);

    public static string Of(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            // A plain null test, not `is not { } f` (README, ops/mutate: Stryker drops a whole method whose mutant leaves a variable unassigned).
            var folded = Folded(c);
            if (folded is null) continue;
            var f = folded.Value;
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
        '\'' or '\u2018' or '\u2019' or '\u02bc' or '`' or '\u02be' or '\u02bf' or '\u02bb' => null, // apostrophes, and ʾ ʿ ʻ (hamza, ayn)
        '\u0640' => null,                                        // tatweel
        '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627',  // أ إ آ ٱ -> ا
        '\u0629' => '\u0647',                                    // ة -> ه
        '\u0649' or '\u06CC' => '\u064A',                        // ى and Persian ی -> ي
        '\u06A9' => '\u0643',                                    // Persian ک -> ك
        _ when LatinPlain.TryGetValue(c, out var plain) => plain,
        // Combining marks: the diacritics FormD splits off Latin letters, and Arabic's harakat, shadda, sukun and
        // superscript alef (U+064B-U+065F, U+0670; a range of their own before this rule only repeated it, and a
        // mutation run left both its bounds alive).
        _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark => null,
        _ => c,
    };
}
