using Ledger.Reconciliation;

namespace Ledger.Drafting;

/// <summary>How a figure is read: its value, and the verb and words around it that make it a casualty figure.</summary>
public static partial class Drafter
{
    private sealed record ReadValue(FigureValue Value, int Start, int End);

    private sealed record Read(FigureValue Value, int Start, int End, string? Category, List<Token> PartyTokens, string? CountNoun, bool SubCount = false);

    /// <summary>The last figure read in the sentence: a list that goes on ("... four civilians and 11 shepherds") shares its verb.</summary>
    private sealed record Previous(string Category, string Party, int End);

    // Compared with tokens' keys, so written as keys too: "على" is the key "علي", and it never matched while the
    // list held it as written.
    private static readonly HashSet<string> PartyStops = new[]
    {
        "in", "on", "at", "near", "during", "when", "while", "after", "before", "according", "since", "by", "including", "from", "as", "with", "for",
        "في", "على", "قرب", "خلال", "بعد", "منذ", "جراء", "إثر", "بحسب", "حسب", "بينهم",
    }.Select(NameKey.Of).ToHashSet();

    private static Read? ReadFigure(List<Token> t, int i, DraftWords w, Previous? previous)
    {
        // "killed a Daesh official", "the assassination of Daesh leader ...": one person.
        if (CategoryEndingAt(t, i - 1, w) is { } single && t[i].Number is null && ReadValueAt(t, i, w) is null)
        {
            var k = t[i].Key is "a" or "an" ? i + 1 : i;
            for (var j = k; j < t.Count && j < k + 4; j++)
            {
                if (t[j].IsMark || t[j].Number is not null) break;
                if (w.Singulars.Contains(t[j].Key) && (j + 1 >= t.Count || t[j + 1].Key is not ("s" or "of")))
                    return new Read(new ExactValue(1), i, j + 1, single, t.Skip(k).Take(j + 1 - k).ToList(), null);
            }
        }
        var v = ReadValueAt(t, i, w);
        if (v is null) return null;
        if (PartOfDate(t, v, w)) return null;
        var next = v.End < t.Count ? t[v.End].Key : "";
        if (w.NotCasualties.Contains(next))
            return new Read(v.Value, v.Start, v.End + 1, null, [], w.CountNouns.Contains(next) ? t[v.End].Text : null);
        var subCount = Enumerable.Range(Math.Max(0, v.Start - 4), Math.Min(4, v.Start)).Any(j => MatchAny(t, j, w.SubCounts) is not null && !t.Skip(j).Take(v.Start - j).Any(x => x.Number is not null));
        if (subCount)
            return previous is null ? null : new Read(v.Value, v.Start, v.End, previous.Category, PartyAfter(t, v.End), null, SubCount: true);
        if (CategoryEndingAt(t, v.Start - 1, w) is { } before)
            return new Read(Enumerated(t, v, w), v.Start, v.End, before, PartyAfter(t, v.End), null);
        // Arabic puts the verb first and its subject before the number: "اختطف مسلحون مجهولون أربعة رعاة".
        if (w.Language == "ar")
            for (var j = v.Start - 2; j >= Math.Max(0, v.Start - 4) && !t[j + 1].IsMark && t[j + 1].Number is null; j--)
                if (CategoryEndingAt(t, j, w) is { } verb)
                    return new Read(v.Value, v.Start, v.End, verb, PartyAfter(t, v.End), null);
        // After the number: the party's words, then the verb ("14 Syrian soldiers were killed"). A list that goes on
        // with another number shares the verb after it ("3 men and 4 women were killed"): the party ends at "and".
        var party = new List<Token>();
        var listGoesOn = false;
        for (var j = v.End; j < t.Count && j < v.End + 10; j++)
        {
            if (MatchAny(t, j, w.Categories.Select(c => c.Phrase)) is { } phrase)
            {
                var category = w.Categories.First(c => c.Phrase == phrase).Category;
                return new Read(Enumerated(t, v, w), v.Start, listGoesOn ? v.End : j + phrase.Keys.Length, category, party, null);
            }
            if (t[j].Number is not null && (listGoesOn || party.Count > 1 && party[^1].Key is "and" or "و"))
            {
                if (!listGoesOn) party.RemoveAt(party.Count - 1);
                listGoesOn = true;
                continue;
            }
            if (t[j].Number is not null || t[j].Key is "," or ";" or ":" or "." or "،" or "؛") break;
            if (!listGoesOn) party.Add(t[j]);
        }
        // "the number of people killed in these attacks reached 229": a running total, of the verb before it.
        if (v.Start > 0 && TallyVerbEndingAt(t, v.Start - 1, w) && ClauseCategory(t, v.Start, w) is { } total)
            return new Read(v.Value, v.Start, v.End, total, PartyAfter(t, v.End), null);
        // "229: 93 civilians ..., and 136 members of SDF", "four civilians ... and 11 shepherds": the list goes on.
        if (previous is not null && v.Start > 0 && t[v.Start - 1].Key is ":" or "and" or "و" && v.Start - previous.End <= 20)
            return new Read(v.Value, v.Start, v.End, previous.Category, PartyAfter(t, v.End), null);
        // "• 484 ISIS members, including 83 killed ...": a number that opens the sentence takes its verb.
        if (v.Start == 0 || v.Start == 1 && t[0].IsMark)
            for (var j = v.End; j < t.Count; j++)
                if (MatchAny(t, j, w.Categories.Select(c => c.Phrase)) is { } phrase)
                    return new Read(v.Value, v.Start, v.End, w.Categories.First(c => c.Phrase == phrase).Category, PartyAfter(t, v.End), null);
        return null;
    }

    /// <summary>"The intel chief, his deputy and two other Guards members were martyred": the number adds to the
    /// people listed before it in its clause.</summary>
    private static FigureValue Enumerated(List<Token> t, ReadValue v, DraftWords w)
    {
        if (v.Value is not ExactValue { Value: var n } || v.End >= t.Count || !w.EnumerationEnd.Contains(t[v.End].Key)) return v.Value;
        // The list is in the ten words before the number ("X's intel chief, his deputy and two other").
        var from = v.Start;
        while (from > Math.Max(0, v.Start - 10) && !(t[from - 1].Key is ";" or "." or ":" || t[from - 1].Number is not null)) from--;
        var listed = 1;
        for (var j = from; j < v.Start; j++)
            if (t[j].Key is "," or "and" or "و" && j + 1 < v.Start) listed++;
        // The list is of people when it has more than one item before the number ("X, his deputy and").
        return listed > 1 && t[v.Start - 1].Key is "and" or "و" ? new ExactValue(n + listed) : v.Value;
    }

    private static bool TallyVerbEndingAt(List<Token> t, int last, DraftWords w) =>
        w.TallyVerbs.Any(p => last - p.Keys.Length + 1 >= 0 && Matches(t, last - p.Keys.Length + 1, p));

    /// <summary>The category of a verb earlier in the clause: "the number of people killed ... reached".</summary>
    private static string? ClauseCategory(List<Token> t, int before, DraftWords w)
    {
        for (var j = before - 1; j >= 0 && t[j].Key is not (";" or "."); j--)
            foreach (var (phrase, category) in w.Categories)
                if (Matches(t, j, phrase)) return category;
        return null;
    }

    /// <summary>A value starting at token <paramref name="i"/>: an optional bound ("at least", "nearly", "ما لا يقل عن"),
    /// a number in digits or words, or a range ("950 to 975", "between 10 and 14"); or words for an unknown number.</summary>
    private static ReadValue? ReadValueAt(List<Token> t, int i, DraftWords w)
    {
        if (MatchAny(t, i, w.Unquantified) is { } vague)
            return new ReadValue(new UnquantifiedValue(Text(t, i, i + vague.Keys.Length)), i, i + vague.Keys.Length);
        var j = i;
        string? kind = null, wording = null;
        foreach (var (k, list, plain) in new[] { ("atLeast", w.AtLeast, "at least"), ("atMost", w.AtMost, "at most"), ("approximate", w.Approximate, "about") })
        {
            var q = MatchAny(t, j, list);
            if (q is null) continue;
            kind = k;
            var said = Text(t, j, j + q.Keys.Length);
            wording = string.Equals(said, plain, StringComparison.OrdinalIgnoreCase) ? null : said;
            j += q.Keys.Length;
            break;
        }
        var between = j < t.Count && t[j].Key is "between" or "بين";
        if (between) j++;
        if (j < t.Count && t[j].Key is "من" && kind is null) j++; // "من 3 إلى 5"
        if (j + 1 < t.Count && t[j].Key is "ما" && t[j + 1].Key is "بين") { j += 2; between = true; } // "ما بين 8 و12"
        if (ReadNumber(t, j, w) is not var (low, afterLow)) return null;
        if (afterLow < t.Count && MatchAny(t, afterLow, w.RangeJoiners) is { } joiner
            && (between || joiner.Keys[0] is not ("and" or "و"))
            && ReadNumber(t, afterLow + joiner.Keys.Length, w) is var (high, afterHigh) && high >= low && low <= int.MaxValue && high <= int.MaxValue)
            return new ReadValue(new RangeValue((int)low, (int)high), i, afterHigh);
        if (low > int.MaxValue) return null;
        var n = (int)low;
        FigureValue value = kind switch
        {
            "atLeast" => new AtLeastValue(n) { Wording = wording },
            "atMost" => new AtMostValue(n) { Wording = wording },
            "approximate" => new ApproximateValue(n) { Wording = wording },
            _ => new ExactValue(n),
        };
        return new ReadValue(value, i, afterLow);
    }

    /// <summary>Digits, or number words ("twenty", "twenty-five", "three hundred", "ثلاثة").</summary>
    private static (long Value, int End)? ReadNumber(List<Token> t, int j, DraftWords w)
    {
        if (j >= t.Count) return null;
        if (t[j].Number is { } digits) return (digits, j + 1);
        long total = 0, current = 0;
        var k = j;
        var any = false;
        while (k < t.Count)
        {
            var parts = t[k].Text.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(NameKey.Of).ToList();
            if (parts.All(p => w.Numbers.ContainsKey(p)))
            {
                current += parts.Sum(p => w.Numbers[p]);
                any = true;
                k++;
                continue;
            }
            if (any && w.Multipliers.TryGetValue(t[k].Key, out var m))
            {
                current = Math.Max(current, 1) * m;
                if (m >= 1000) { total += current; current = 0; }
                k++;
                continue;
            }
            break;
        }
        return any ? (total + current, k) : null;
    }

    /// <summary>"January 9", "9 January", "May 2," or a year: a date, not a count.</summary>
    private static bool PartOfDate(List<Token> t, ReadValue v, DraftWords w)
    {
        if (v.Value is not ExactValue { Value: var n }) return false;
        if (n is >= 1900 and <= 2100) return true;
        if (v.Start > 0 && MonthAt(t, v.Start - 1, w, ending: true) is not null) return true;
        return v.End < t.Count && MonthAt(t, v.End, w, ending: false) is not null;
    }

    private static string? CategoryEndingAt(List<Token> t, int last, DraftWords w)
    {
        if (last < 0) return null;
        foreach (var (phrase, category) in w.Categories)
        {
            var first = last - phrase.Keys.Length + 1;
            if (first >= 0 && Matches(t, first, phrase)) return category;
        }
        return null;
    }

    private static List<Token> PartyAfter(List<Token> t, int from)
    {
        var party = new List<Token>();
        for (var j = from; j < t.Count && j < from + 8; j++)
        {
            if (t[j].IsMark && t[j].Key is not ("(" or ")" or "-" or "’" or "'") || t[j].Number is not null || PartyStops.Contains(t[j].Key)) break;
            party.Add(t[j]);
        }
        return party;
    }
}
