using Ledger.Actors;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Regions;

namespace Ledger.Drafting;

/// <summary>
/// Reads an article's casualty figures into drafts a coder confirms: each sentence with a figure is a draft incident,
/// each figure with its value ("at least 14", "950 to 975", "numerous"), category (from the verb), party (from the
/// noun, through the actor registry), certainty (claimed when hedged or the perpetrator's own outlet says so),
/// source, and the sentence as its quote. Counts of attacks or strikes are listed apart, never as figures. Pure:
/// the same request gives the same drafts.
/// </summary>
public static class Drafter
{
    public const int MaxTextLength = 100_000;

    public static DraftResult Draft(DraftRequest request)
    {
        var language = request.Language ?? Guess(request.Text);
        var words = language == "ar" ? DraftWords.Arabic : DraftWords.English;
        var published = DateOnly.FromDateTime(request.PublishedAt.UtcDateTime);
        var dates = new DateContext(published);
        var drafts = new List<DraftIncident>();
        var counts = new List<DraftCount>();
        var lastCountry = Country(Tokens.Of(request.Text), words);
        foreach (var (start, end) in Sentences(request.Text))
        {
            var quote = request.Text[start..end];
            // Quotation marks are dropped: “numerous” reads as numerous, and a verb before a quote still reaches its number.
            var tokens = Tokens.Of(quote).Where(t => t.Key is not ("“" or "”" or "\"" or "«" or "»" or "‘" or "„"))
                .Select(t => t with { Start = t.Start + start, End = t.End + start }).ToList();
            var date = ReadDate(tokens, words, dates);
            var admin1 = Admin1(tokens, language);
            // A sentence that names no country is in the one the text spoke of last.
            lastCountry = admin1?.Country ?? Country(tokens, words) ?? lastCountry;
            var figures = new List<DraftFigure>();
            var source = Source(tokens, words) ?? request.Source;
            var span = new TextSpan(start, end);
            Previous? previous = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (ReadFigure(tokens, i, words, previous) is not { } read) continue;
                i = Math.Max(i, read.End - 1);
                if (read.Category is not { } category)
                {
                    if (read.CountNoun is { } noun) counts.Add(new DraftCount(read.Value, noun, quote, span));
                    continue;
                }
                var certainty = Claimed(tokens, read.Start, words) || source == "amaq" ? Certainty.Claimed : Certainty.Reported;
                var parties = read.Value is UnquantifiedValue ? Parties(read.PartyTokens, words) : [Party(read.PartyTokens, words)];
                // A sub-count ("including at least two Russians") is a figure of its own only for another party.
                if (read.SubCount && (parties[0].Party == "unknown" || parties[0].Party == previous?.Party)) continue;
                foreach (var (party, partyClass) in parties)
                    figures.Add(new DraftFigure(Projections.Enums.Parse<FigureCategory>(category), party, partyClass, read.Value, certainty, source, quote, span));
                previous = new Previous(category, parties[0].Party, read.End);
            }
            if (figures.Count == 0) continue;
            var location = new DraftLocation(lastCountry, admin1?.RegionId, Place(tokens, language));
            drafts.Add(new DraftIncident(Title(quote), date ?? dates.Fallback, location, Type(tokens), Perpetrator(tokens, figures, language), figures));
        }
        return new DraftResult(language, drafts, counts);
    }

    private static string Guess(string text) =>
        text.Count(c => c is >= '\u0600' and <= '\u06FF') > text.Count(char.IsAsciiLetter) ? "ar" : "en";

    /// <summary>Sentences as [start, end) offsets: a full stop, question or exclamation mark followed by a space, or a line end.</summary>
    internal static IEnumerable<(int Start, int End)> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || text[i] == '\n'
                || (text[i] is '.' or '!' or '?' or '؟' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] is '"' or '”' or '’'));
            if (!boundary) continue;
            var end = i < text.Length && text[i] != '\n' ? i + 1 : i;
            var (s, e) = Trim(text, start, end);
            if (e > s) yield return (s, e);
            start = i + 1;
        }
    }

    private static (int, int) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return (start, end);
    }

    private static string Title(string quote) => quote.Length <= 140 ? quote : quote[..139].TrimEnd() + "…";

    // ---- values ----

    private sealed record ReadValue(FigureValue Value, int Start, int End);

    private sealed record Read(FigureValue Value, int Start, int End, string? Category, List<Token> PartyTokens, string? CountNoun, bool SubCount = false);

    /// <summary>The last figure read in the sentence: a list that goes on ("... four civilians and 11 shepherds") shares its verb.</summary>
    private sealed record Previous(string Category, string Party, int End);

    private static readonly HashSet<string> Auxiliaries =
        ["were", "was", "have", "has", "had", "been", "are", "is", "be", "being", "also", "allegedly", "reportedly", "all", "later", "then", "who", "that"];

    private static readonly HashSet<string> PartyStops =
        ["in", "on", "at", "near", "during", "when", "while", "after", "before", "according", "since", "by", "including", "from", "as", "with", "for",
         "في", "على", "قرب", "خلال", "بعد", "منذ", "جراء", "إثر", "اثر", "بحسب", "حسب", "بينهم"];

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
        if (ReadValueAt(t, i, w) is not { } v) return null;
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
        // After the number: the party's words, then the verb ("14 Syrian soldiers were killed").
        var party = new List<Token>();
        for (var j = v.End; j < t.Count && j < v.End + 10; j++)
        {
            if (MatchAny(t, j, w.Categories.Select(c => c.Phrase)) is { } phrase)
            {
                var category = w.Categories.First(c => c.Phrase == phrase).Category;
                return new Read(Enumerated(t, v, w), v.Start, j + phrase.Keys.Length, category, party.Where(x => !Auxiliaries.Contains(x.Key)).ToList(), null);
            }
            if (t[j].Number is not null || t[j].Key is "," or ";" or ":" or "." or "،" or "؛") break;
            party.Add(t[j]);
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
            if (MatchAny(t, j, list) is not { } q) continue;
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

    // ---- who, what, where, when ----

    private static (string Party, PartyClass Class) Party(List<Token> phrase, DraftWords w)
    {
        if (phrase.Count == 0) return ("unknown", PartyClass.Unknown);
        for (var i = 0; i < phrase.Count; i++)
            if (MatchAny(phrase, i, w.PartyNouns.Select(p => p.Phrase)) is { } noun)
            {
                var id = w.PartyNouns.First(p => p.Phrase == noun).Id;
                return (id, ActorRegistry.Actors[id]?.PartyClass ?? PartyClass.Unknown);
            }
        foreach (var actor in Actors(phrase))
            return (actor.Id, actor.PartyClass);
        foreach (var token in Enumerable.Reverse(phrase))
            if (w.GenericParties.TryGetValue(token.Key, out var cls))
                return ("unknown", Enum.Parse<PartyClass>(cls.Replace("-", ""), ignoreCase: true));
        return ("unknown", PartyClass.Unknown);
    }

    /// <summary>"a number of Syrian civilians and soldiers": each party of the list, the first one's adjective carried
    /// to the others ("Syrian soldiers").</summary>
    private static List<(string Party, PartyClass Class)> Parties(List<Token> phrase, DraftWords w)
    {
        var parts = new List<List<Token>> { new() };
        foreach (var token in phrase)
            if (token.Key is "and" or "و") parts.Add([]); else parts[^1].Add(token);
        if (parts.Count == 1) return [Party(phrase, w)];
        var adjective = parts[0].Count > 1 ? parts[0][0] : null;
        var found = parts.Where(p => p.Count > 0).Select(p =>
        {
            var party = Party(p, w);
            return party.Party == "unknown" && adjective is not null ? Party([adjective, .. p], w) : party;
        }).Distinct().ToList();
        return found.Count > 1 && found.All(f => f.Party != "unknown") ? found : [Party(phrase, w)];
    }

    /// <summary>Actors named in the tokens, in order. A one-word name counts only when written as a name (capitalised,
    /// or in Arabic): "is" is a verb, "IS" may be a group.</summary>
    private static IEnumerable<Actor> Actors(List<Token> t)
    {
        for (var i = 0; i < t.Count; i++)
            for (var n = Math.Min(5, t.Count - i); n >= 1; n--)
            {
                if (n == 1 && !(char.IsUpper(t[i].Text[0]) || t[i].Text[0] >= '\u0600') || t[i].Text.Length < 3 && t[i].Text != "IS") continue;
                if (ActorRegistry.Actors.Resolve(Text(t, i, i + n)) is not { } actor) continue;
                yield return actor;
                i += n - 1;
                break;
            }
    }

    private static string? Perpetrator(List<Token> t, IReadOnlyList<DraftFigure> figures, string language)
    {
        var parties = figures.Select(f => f.Party).ToHashSet();
        return Actors(t).Select(a => a.Id).FirstOrDefault(id => !parties.Contains(id) && id is not ("civilians" or "unknown"));
    }

    private static string? Type(List<Token> t)
    {
        string? found = null;
        for (var i = 0; i < t.Count; i++)
            for (var n = Math.Min(4, t.Count - i); n >= 1; n--)
                if (IncidentTypes.Types.Resolve(Text(t, i, i + n)) is { } type && !t[i].IsMark)
                {
                    // A general word ("attack") gives way to a precise one ("ambush", "car bomb").
                    if (found is null || found is "attack" or "other") found = type.Id;
                    break;
                }
        return found;
    }

    private static RegionDefined? Admin1(List<Token> t, string language)
    {
        for (var i = 0; i < t.Count; i++)
            for (var n = Math.Min(3, t.Count - i); n >= 1; n--)
            {
                if (language == "en" && !char.IsUpper(t[i].Text[0])) continue;
                if (Gazetteer.Index.Resolve(Text(t, i, i + n)) is { Level: RegionLevel.Admin1 } region) return region;
            }
        return null;
    }

    private static string? Country(List<Token> t, DraftWords w)
    {
        foreach (var token in t)
        {
            if (token.Key is "syria" or "syrian" or "سوريا" or "سوريه" or "السوري" or "سوري") return "SY";
            if (token.Key is "iraq" or "iraqi" or "عراق" or "العراق" or "عراقي") return "IQ";
        }
        return null;
    }

    /// <summary>The place as the text gives it: the capitalised words after "near" or "in the town of".</summary>
    private static string? Place(List<Token> t, string language)
    {
        if (language != "en") return null;
        for (var i = 0; i < t.Count; i++)
        {
            if (!(t[i].Key is "near" || t[i].Key is "of" && i > 0 && t[i - 1].Key is "town" or "city" or "village")) continue;
            var j = i + 1;
            while (j < t.Count && t[j].Key is "the" or "city" or "town" or "village" or "ancient" or "of") j++;
            var k = j;
            while (k < t.Count && k < j + 4 && char.IsUpper(t[k].Text[0])) k++;
            if (k > j && Gazetteer.Index.Resolve(Text(t, j, k)) is null) return Text(t, j, k);
        }
        return null;
    }

    /// <summary>Who gives the figures: a known source named beside a cue ("according to X", "X said", "X documented");
    /// a source merely mentioned (the PMF as the party hit) is not the one who speaks.</summary>
    private static string? Source(List<Token> t, DraftWords w)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (MatchAny(t, i, w.Sources.Select(s => s.Phrase)) is not { } name) continue;
            var end = i + name.Keys.Length;
            var cued = Enumerable.Range(Math.Max(0, i - 3), Math.Min(3, i)).Any(j => MatchAny(t, j, w.SourceCues) is not null)
                || Enumerable.Range(end, Math.Max(0, Math.Min(5, t.Count - end))).Any(j => MatchAny(t, j, w.SourceCues) is not null);
            if (cued) return w.Sources.First(s => s.Phrase == name).Id;
        }
        return null;
    }

    /// <summary>Claimed: a claim cue ("allegedly", "the group claimed", "Amaq") in the clause that holds the figure.</summary>
    private static bool Claimed(List<Token> t, int at, DraftWords w)
    {
        var from = at;
        while (from > 0 && !ClauseBreak(t, from - 1)) from--;
        var to = at;
        while (to < t.Count && !ClauseBreak(t, to)) to++;
        for (var i = from; i < to; i++)
            if (MatchAny(t, i, w.ClaimCues) is not null) return true;
        return false;
    }

    private static bool ClauseBreak(List<Token> t, int i) =>
        t[i].Key is ";" or "—" or "–" or "؛" or "while" or "but" or "whereas"
        || (t[i].Key is "," or "،" && i + 1 < t.Count && t[i + 1].Key is "and" or "و" or "while" or "but");

    // ---- dates ----

    private sealed class DateContext(DateOnly published)
    {
        public DateOnly Published { get; } = published;
        public DraftDate? Last { get; set; }
        public DraftDate Fallback => Last ?? new DraftDate(new DateOnly(Published.Year, Published.Month, 1), DatePrecision.Month);
    }

    private static DraftDate? ReadDate(List<Token> t, DraftWords w, DateContext context)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (i > 0 && t[i - 1].Key is "since" or "منذ") { i++; continue; }
            DraftDate? found = null;
            if (MatchAny(t, i, w.Today) is not null) found = new DraftDate(context.Published, DatePrecision.Day);
            else if (MatchAny(t, i, w.Yesterday) is not null) found = new DraftDate(context.Published.AddDays(-1), DatePrecision.Day);
            else if (MatchAny(t, i, w.LastMonth) is not null)
                found = new DraftDate(new DateOnly(context.Published.Year, context.Published.Month, 1).AddMonths(-1), DatePrecision.Month);
            else if (MatchAny(t, i, w.MonthLater) is not null && context.Last is { } last)
                found = new DraftDate(new DateOnly(last.Date.Year, last.Date.Month, 1).AddMonths(1), DatePrecision.Month);
            else if (Weekday(t, i, w) is { } day)
            {
                var back = ((int)context.Published.DayOfWeek - (int)day + 7) % 7;
                found = new DraftDate(context.Published.AddDays(-back), DatePrecision.Day);
            }
            else if (MonthAt(t, i, w, ending: false) is { } month)
            {
                var k = i + w.Months[month - 1].Keys.Length;
                if (k < t.Count && t[k].Number is { } d and >= 1 and <= 31)
                    found = Day(month, (int)d, Year(t, k + 1, context), context);
                else if (k < t.Count && t[k].Number is { } y and >= 1900 and <= 2100)
                    found = new DraftDate(new DateOnly((int)y, month, 1), DatePrecision.Month);
                else if (k + 2 < t.Count && t[k].Key == "of" && t[k + 1].Key == "that" && t[k + 2].Key == "year" && context.Last is { } ctx)
                    found = new DraftDate(new DateOnly(ctx.Date.Year, month, 1), DatePrecision.Month);
                else if (i > 0 && t[i - 1].Number is { } d2 and >= 1 and <= 31)
                    found = Day(month, (int)d2, Year(t, k, context), context);
            }
            else if (t[i].Key is "in" or "في" && i + 1 < t.Count && t[i + 1].Number is { } year and >= 1900 and <= 2100
                     && (i + 2 >= t.Count || MonthAt(t, i + 2, w, ending: false) is null))
                found = new DraftDate(new DateOnly((int)year, 1, 1), DatePrecision.Year);
            if (found is null) continue;
            context.Last = found;
            return found;
        }
        return null;
    }

    private static int? Year(List<Token> t, int k, DateContext context)
    {
        if (k < t.Count && t[k].Key == "," ) k++;
        return k < t.Count && t[k].Number is { } y and >= 1900 and <= 2100 ? (int)y : null;
    }

    private static DraftDate? Day(int month, int day, int? year, DateContext context)
    {
        var y = year ?? context.Published.Year;
        if (day > DateTime.DaysInMonth(y, month)) return null;
        var date = new DateOnly(y, month, day);
        // "May 2" in an article of 10 May is this year's; "December 30" in an article of 2 January, last year's.
        if (year is null && date > context.Published) date = date.AddYears(-1);
        return new DraftDate(date, DatePrecision.Day);
    }

    private static int? MonthAt(List<Token> t, int i, DraftWords w, bool ending)
    {
        for (var m = 0; m < w.Months.Count; m++)
        {
            var first = ending ? i - w.Months[m].Keys.Length + 1 : i;
            if (first >= 0 && Matches(t, first, w.Months[m])) return m + 1;
        }
        return null;
    }

    private static DayOfWeek? Weekday(List<Token> t, int i, DraftWords w)
    {
        for (var d = 0; d < w.Weekdays.Count; d++)
            if (Matches(t, i, w.Weekdays[d])) return (DayOfWeek)((d + 1) % 7); // the lists run Monday to Sunday
        return null;
    }

    // ---- matching ----

    private static Phrase? MatchAny(List<Token> t, int i, IEnumerable<Phrase> phrases)
    {
        foreach (var p in phrases) if (Matches(t, i, p)) return p;
        return null;
    }

    /// <summary>The phrase's words at token <paramref name="i"/>; an Arabic word may carry a one-letter prefix
    /// (و "and", ب "by", ل "for") before the first of them.</summary>
    private static bool Matches(List<Token> t, int i, Phrase p)
    {
        if (p.Keys.Length == 0 || i < 0 || i + p.Keys.Length > t.Count) return false;
        for (var k = 0; k < p.Keys.Length; k++)
        {
            var key = t[i + k].Key;
            if (key == p.Keys[k]) continue;
            if (k == 0 && key.Length > p.Keys[0].Length && key[0] is 'و' or 'ب' or 'ل' && key[1..] == p.Keys[0]) continue;
            return false;
        }
        return true;
    }

    private static string Text(List<Token> t, int from, int to) =>
        string.Join(' ', t.Skip(from).Take(to - from).Select(x => x.Text));
}
