using System.Reflection;
using System.Text.Json;

namespace Ledger.Drafting;

/// <summary>The words drafting reads, one file a language (Words/en.json, Words/ar.json): number words, the words
/// for bounds, casualty verbs per category, party nouns, the cues of claims and sources, months and weekdays.
/// Phrases are kept as sequences of name keys (<see cref="NameKey"/>), so case, diacritics and Arabic letter
/// variants do not matter.</summary>
public sealed class DraftWords
{
    public required string Language { get; init; }
    public required IReadOnlyDictionary<string, long> Numbers { get; init; }
    public required IReadOnlyDictionary<string, long> Multipliers { get; init; }
    public required IReadOnlyList<Phrase> AtLeast { get; init; }
    public required IReadOnlyList<Phrase> AtMost { get; init; }
    public required IReadOnlyList<Phrase> Approximate { get; init; }
    public required IReadOnlyList<Phrase> RangeJoiners { get; init; }
    public required IReadOnlyList<Phrase> Unquantified { get; init; }
    public required IReadOnlyList<(Phrase Phrase, string Category)> Categories { get; init; }
    public required IReadOnlySet<string> NotCasualties { get; init; }
    public required IReadOnlySet<string> CountNouns { get; init; }
    public required IReadOnlyList<Phrase> ClaimCues { get; init; }
    public required IReadOnlyList<Phrase> SourceCues { get; init; }
    public required IReadOnlyList<(Phrase Phrase, string Id)> Sources { get; init; }
    public required IReadOnlyList<(Phrase Phrase, string Id)> PartyNouns { get; init; }
    public required IReadOnlyDictionary<string, string> GenericParties { get; init; }
    public required IReadOnlyList<Phrase> Weekdays { get; init; }
    public required IReadOnlyList<Phrase> Months { get; init; }
    public required IReadOnlyList<Phrase> Today { get; init; }
    public required IReadOnlyList<Phrase> Yesterday { get; init; }
    public required IReadOnlyList<Phrase> MonthLater { get; init; }
    public required IReadOnlyList<Phrase> LastMonth { get; init; }
    /// <summary>The month of publication ("earlier this month"), as a month.</summary>
    public required IReadOnlyList<Phrase> ThisMonth { get; init; }
    /// <summary>Words that start a list of sub-counts ("including", "بينهم").</summary>
    public required IReadOnlyList<Phrase> SubCounts { get; init; }
    /// <summary>Nouns for one person: "the assassination of Daesh's leader" is one killed.</summary>
    public required IReadOnlySet<string> Singulars { get; init; }
    /// <summary>Verbs of a running total: "the number of people killed ... reached 229".</summary>
    public required IReadOnlyList<Phrase> TallyVerbs { get; init; }
    /// <summary>"two other ...": the number adds to the people listed before it.</summary>
    public required IReadOnlySet<string> EnumerationEnd { get; init; }
    /// <summary>Adjectives of countries, as name keys, to the country's ISO code ("syrian" is SY): the atlas holds names only.</summary>
    public required IReadOnlyDictionary<string, string> CountryAdjectives { get; init; }

    public static readonly DraftWords English = Load("en");
    public static readonly DraftWords Arabic = Load("ar");

    private static DraftWords Load(string language)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"drafting/{language}.json")
            ?? throw new InvalidOperationException($"drafting words for {language} are not embedded");
        var root = JsonDocument.Parse(stream).RootElement;
        IReadOnlyList<Phrase> List(string name) => root.TryGetProperty(name, out var a)
            ? a.EnumerateArray().Select(e => Phrase.Of(e.GetString()!)).OrderByDescending(p => p.Keys.Length).ToList() : [];
        IReadOnlyList<(Phrase, string)> Map(string name) => root.GetProperty(name).EnumerateObject()
            .SelectMany(p => p.Value.EnumerateArray().Select(e => (Phrase.Of(e.GetString()!), p.Name)))
            .OrderByDescending(x => x.Item1.Keys.Length).ToList();
        IReadOnlyDictionary<string, long> Numbers(string name) => root.TryGetProperty(name, out var o)
            ? o.EnumerateObject().ToDictionary(p => NameKey.Of(p.Name), p => p.Value.GetInt64()) : new Dictionary<string, long>();
        return new DraftWords
        {
            Language = language,
            Numbers = Numbers("numbers"),
            Multipliers = Numbers("multipliers"),
            AtLeast = List("atLeast"), AtMost = List("atMost"), Approximate = List("approximate"),
            RangeJoiners = List("rangeJoiners"), Unquantified = List("unquantified"),
            Categories = Map("categories"),
            NotCasualties = List("notCasualties").Select(p => string.Join(' ', p.Keys)).ToHashSet(),
            CountNouns = List("countNouns").Select(p => string.Join(' ', p.Keys)).ToHashSet(),
            ClaimCues = List("claimCues"), SourceCues = List("sourceCues"),
            Sources = Map("sources"), PartyNouns = Map("partyNouns"),
            GenericParties = root.GetProperty("genericParties").EnumerateObject().ToDictionary(p => NameKey.Of(p.Name), p => p.Value.GetString()!),
            Weekdays = root.GetProperty("weekdays").EnumerateArray().Select(e => Phrase.Of(e.GetString()!)).ToList(),
            Months = root.GetProperty("months").EnumerateArray().Select(e => Phrase.Of(e.GetString()!)).ToList(),
            Today = List("today"), Yesterday = List("yesterday"), MonthLater = List("monthLater"), LastMonth = List("lastMonth"),
            ThisMonth = List("thisMonth"),
            SubCounts = List("subCounts"), TallyVerbs = List("tallyVerbs"),
            Singulars = List("singulars").Select(p => string.Join(' ', p.Keys)).ToHashSet(),
            EnumerationEnd = List("enumerationEnd").Select(p => string.Join(' ', p.Keys)).ToHashSet(),
            CountryAdjectives = root.TryGetProperty("countryAdjectives", out var adjectives)
                ? adjectives.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(e => (Key: NameKey.Of(e.GetString()!), Code: p.Name)))
                    .ToDictionary(x => x.Key, x => x.Code) : new Dictionary<string, string>(),
        };
    }
}

/// <summary>A phrase as the name keys of its words ("at least" is ["at", "least"]); punctuation words stay as they are.</summary>
public sealed record Phrase(string Text, string[] Keys)
{
    public static Phrase Of(string text) => new(text, Tokens.Of(text).Select(t => t.Key).ToArray());
}
