using Ledger.Actors;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Regions;

namespace Ledger.Drafting;

/// <summary>Who, what and where: parties, actors, type, place, country, source and claims.</summary>
public static partial class Drafter
{
    private static (string Party, PartyClass Class) Party(List<Token> phrase, DraftWords w, DraftVocabulary v)
    {
        if (phrase.Count == 0) return ("unknown", PartyClass.Unknown);
        for (var i = 0; i < phrase.Count; i++)
            if (MatchAny(phrase, i, w.PartyNouns.Select(p => p.Phrase)) is { } noun)
            {
                var id = w.PartyNouns.First(p => p.Phrase == noun).Id;
                return (id, v.Actors[id]?.PartyClass ?? PartyClass.Unknown);
            }
        foreach (var actor in Actors(phrase, v))
            return (actor.Id!, actor.PartyClass);
        foreach (var token in Enumerable.Reverse(phrase))
            if (w.GenericParties.TryGetValue(token.Key, out var cls))
                return ("unknown", Enum.Parse<PartyClass>(cls.Replace("-", ""), ignoreCase: true));
        return ("unknown", PartyClass.Unknown);
    }

    /// <summary>"a number of Syrian civilians and soldiers": each party of the list, the first one's adjective carried
    /// to the others ("Syrian soldiers").</summary>
    private static List<(string Party, PartyClass Class)> Parties(List<Token> phrase, DraftWords w, DraftVocabulary v)
    {
        var parts = new List<List<Token>> { new() };
        foreach (var token in phrase)
            if (token.Key is "and" or "و") parts.Add([]); else parts[^1].Add(token);
        if (parts.Count == 1) return [Party(phrase, w, v)];
        var adjective = parts[0].Count > 1 ? parts[0][0] : null;
        var found = parts.Where(p => p.Count > 0).Select(p =>
        {
            var party = Party(p, w, v);
            return party.Party == "unknown" && adjective is not null ? Party([adjective, .. p], w, v) : party;
        }).Distinct().ToList();
        // A part names a party when it names an actor or at least a class ("soldiers"); "people" names neither.
        return found.Count > 1 && found.All(f => f.Party != "unknown" || f.Class != PartyClass.Unknown) ? found : [Party(phrase, w, v)];
    }

    /// <summary>Actors named in the tokens, in order. A one-word name counts only when written as a name (capitalised,
    /// or in Arabic): "is" is a verb, "IS" may be a group.</summary>
    private static IEnumerable<ActorState> Actors(List<Token> t, DraftVocabulary v)
    {
        for (var i = 0; i < t.Count; i++)
            for (var n = Math.Min(5, t.Count - i); n >= 1; n--)
            {
                if (n == 1 && !(char.IsUpper(t[i].Text[0]) || t[i].Text[0] >= '\u0600') || t[i].Text.Length < 3 && t[i].Text != "IS") continue;
                var actor = v.Actor(Text(t, i, i + n));
                if (actor is null) continue;
                yield return actor;
                i += n - 1;
                break;
            }
    }

    /// <summary>The one armed actor the sentence names besides the perpetrator and the figures' parties, or null when it
    /// names none or several.</summary>
    private static ActorState? OtherParty(List<Token> t, DraftVocabulary v, string? perpetrator, IReadOnlyList<DraftFigure> figures)
    {
        // An actor that is already a figure's party ("including 2 Russians") is named for that figure.
        var parties = figures.Select(f => f.Party).ToHashSet(StringComparer.Ordinal);
        var others = Actors(t, v).Where(a => a.Id != perpetrator && !parties.Contains(a.Id!) && a.Id is not ("civilians" or "unknown")
            && a.PartyClass is not (PartyClass.Civilians or PartyClass.Unknown)).DistinctBy(a => a.Id).Take(2).ToList();
        return others.Count == 1 ? others[0] : null;
    }

    private static string? Perpetrator(List<Token> t, IReadOnlyList<DraftFigure> figures, DraftVocabulary v)
    {
        var parties = figures.Select(f => f.Party).ToHashSet();
        return Actors(t, v).Select(a => a.Id!).FirstOrDefault(id => !parties.Contains(id) && id is not ("civilians" or "unknown"));
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

    /// <summary>The first governorate or other first-level division the tokens name. A division the ledger holds is
    /// found by any of its names; one known only from the atlas of the world, only within the country the text speaks
    /// of, since across the world its name may be an ordinary word ("Alba", "Centre").</summary>
    private static RegionDefined? Admin1(List<Token> t, string language, DraftVocabulary v, string? country)
    {
        for (var i = 0; i < t.Count; i++)
            for (var n = Math.Min(3, t.Count - i); n >= 1; n--)
            {
                if (language == "en" && !char.IsUpper(t[i].Text[0])) continue;
                var text = Text(t, i, i + n);
                var region = v.Region(text, level: RegionLevel.Admin1);
                if (region is not null && (v.Regions.Holds(region.RegionId) || region.Country == country)) return region;
                if (country is not null && v.Region(text, country, RegionLevel.Admin1) is { } inCountry) return inCountry;
            }
        return null;
    }

    /// <summary>The country the tokens name: by a country's name or code word in the vocabulary ("Yemen", "اليمن"), or
    /// by an adjective of the language's words ("Syrian", "العراقي"). Null when they name none: a draft then leaves its
    /// country for the coder, rather than guess one.</summary>
    private static string? Country(List<Token> t, DraftWords w, DraftVocabulary v)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (w.CountryAdjectives.TryGetValue(t[i].Key, out var code)) return code;
            // A name, not a word that happens to spell a code: capitalised, or Arabic; two letters are never enough.
            if (!(char.IsUpper(t[i].Text[0]) || t[i].Text[0] >= '\u0600') || t[i].Text.Length < 4) continue;
            for (var n = Math.Min(4, t.Count - i); n >= 1; n--)
                if (v.Region(Text(t, i, i + n), level: RegionLevel.Country) is { } country) return country.Country;
        }
        return null;
    }

    /// <summary>The place as the text gives it: the capitalised words after "near" or "in the town of".</summary>
    private static string? Place(List<Token> t, string language, DraftVocabulary v)
    {
        if (language != "en") return null;
        for (var i = 0; i < t.Count; i++)
        {
            if (!(t[i].Key is "near" || t[i].Key is "of" && i > 0 && t[i - 1].Key is "town" or "city" or "village")) continue;
            var j = i + 1;
            while (j < t.Count && t[j].Key is "the" or "city" or "town" or "village" or "ancient" or "of") j++;
            // A governorate is not a place, also where only its first word is capitalised ("near Deir ez-Zor" is not
            // the place "Deir").
            if (Enumerable.Range(1, Math.Min(3, t.Count - j)).Any(n => v.Region(Text(t, j, j + n)) is not null)) continue;
            var k = j;
            while (k < t.Count && k < j + 4 && char.IsUpper(t[k].Text[0])) k++;
            if (k > j && v.Region(Text(t, j, k)) is null) return Text(t, j, k);
        }
        return null;
    }

    /// <summary>Who gives the figures: a known source named beside a cue ("according to X", "X said", "X documented");
    /// a source merely mentioned (the PMF as the party hit) is not the one who speaks.</summary>
    private static string? Source(List<Token> t, DraftWords w)
    {
        for (var i = 0; i < t.Count; i++)
        {
            var name = MatchAny(t, i, w.Sources.Select(s => s.Phrase));
            if (name is null) continue;
            var end = i + name.Keys.Length;
            var cued = Enumerable.Range(Math.Max(0, i - 3), Math.Min(3, i)).Any(j => MatchAny(t, j, w.SourceCues) is not null)
                || Enumerable.Range(end, Math.Max(0, Math.Min(5, t.Count - end))).Any(j => MatchAny(t, j, w.SourceCues) is not null);
            if (cued) return w.Sources.First(s => s.Phrase == name).Id;
        }
        return null;
    }

    /// <summary>Whether the actor is who speaks: the last actor named just before a source cue ("the SDF said"), or the
    /// one right after "according to" or an Arabic verb of saying, which comes before its subject ("أعلن الجيش العراقي").
    /// Who is spoken about comes later ("SOHR said the SDF captured") and does not count.</summary>
    private static bool SpeaksFor(List<Token> t, DraftWords w, DraftVocabulary v, string actorId)
    {
        for (var i = 0; i < t.Count; i++)
        {
            // A claim cue ("ISIS claimed the attack") is read clause by clause (Claimed), not as who speaks for the figures.
            if (MatchAny(t, i, w.SourceCues) is not { } cue || MatchAny(t, i, w.ClaimCues) is not null) continue;
            var before = t.Skip(Math.Max(0, i - 4)).Take(Math.Min(4, i)).ToList();
            if (Actors(before, v).LastOrDefault()?.Id == actorId) return true;
            var reach = cue.Keys[0] == "according" ? 3 : t[i].Text[0] >= '\u0600' ? 2 : 0;
            if (Actors(t.Skip(i + cue.Keys.Length).Take(reach).ToList(), v).FirstOrDefault()?.Id == actorId) return true;
        }
        return false;
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
}
