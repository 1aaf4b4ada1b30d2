using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Drafting;

/// <summary>
/// Reads an article's casualty figures into drafts a coder confirms: each sentence with a figure is a draft incident,
/// each figure with its value ("at least 14", "950 to 975", "numerous"), category (from the verb), party (from the
/// noun, through the actor registry), certainty (claimed when hedged or the perpetrator's own outlet says so),
/// source, and the sentence as its quote. Counts of attacks or strikes are listed apart, never as figures. Pure:
/// the same request gives the same drafts.
/// </summary>
public static partial class Drafter
{
    public const int MaxTextLength = 100_000;

    public static DraftResult Draft(DraftRequest request, DraftVocabulary? vocabulary = null)
    {
        var v = (vocabulary ?? DraftVocabulary.Seed).ForOneDraft();
        var language = request.Language ?? Guess(request.Text);
        var words = language == "ar" ? DraftWords.Arabic : DraftWords.English;
        var published = DateOnly.FromDateTime(request.PublishedAt.UtcDateTime);
        var dates = new DateContext(published);
        var drafts = new List<DraftIncident>();
        var counts = new List<DraftCount>();
        var lastCountry = Country(Tokens.Of(request.Text), words, v);
        foreach (var (start, end) in Sentences(request.Text))
        {
            var quote = request.Text[start..end];
            // Quotation marks are dropped: “numerous” reads as numerous, and a verb before a quote still reaches its number.
            var tokens = Tokens.Of(quote).Where(t => t.Key is not ("“" or "”" or "\"" or "«" or "»" or "‘" or "„"))
                .Select(t => t with { Start = t.Start + start, End = t.End + start }).ToList();
            var date = ReadDate(tokens, words, dates);
            var admin1 = Admin1(tokens, language, v, lastCountry);
            // A sentence that names no country is in the one the text spoke of last.
            lastCountry = admin1?.Country ?? Country(tokens, words, v) ?? lastCountry;
            var figures = new List<DraftFigure>();
            var source = Source(tokens, words) ?? request.Source;
            var span = new TextSpan(start, end);
            // What is stored from the text (quote, title) drops the marks that only steer direction: the ledger refuses them.
            var stored = FreeText.WithoutBidiControls(quote);
            Previous? previous = null;
            for (var i = 0; i < tokens.Count; i++)
            {
                // Plain null tests, not `is not { } x`, here and in the other Drafter files (README, ops/mutate: Stryker drops a whole method whose mutant leaves a variable unassigned).
                var read = ReadFigure(tokens, i, words, previous);
                if (read is null) continue;
                i = Math.Max(i, read.End - 1);
                var category = read.Category;
                if (category is null)
                {
                    if (read.CountNoun is { } noun) counts.Add(new DraftCount(read.Value, noun, stored, span));
                    continue;
                }
                var certainty = Claimed(tokens, read.Start, words) || source == "amaq" ? Certainty.Claimed : Certainty.Reported;
                var parties = read.Value is UnquantifiedValue ? Parties(read.PartyTokens, words, v) : [Party(read.PartyTokens, words, v)];
                // A sub-count ("including at least two Russians") is a figure of its own only for another party.
                if (read.SubCount && (parties[0].Party == "unknown" || parties[0].Party == previous?.Party)) continue;
                foreach (var (party, partyClass) in parties)
                    figures.Add(new DraftFigure(Enums.Parse<FigureCategory>(category), party, partyClass, read.Value, certainty, source, stored, span));
                previous = new Previous(category, parties[0].Party, read.End);
            }
            if (figures.Count == 0) continue;
            var location = new DraftLocation(lastCountry, admin1?.RegionId, Place(tokens, language, v));
            var perpetrator = Perpetrator(tokens, figures, v);
            // "attacked vehicles of the SDF, killing at least 11 soldiers": soldiers of no named force are the one armed
            // party the sentence names besides the perpetrator, when there is exactly one.
            if (OtherParty(tokens, v, perpetrator, figures) is { } hit)
                figures = [.. figures.Select(f => f.Party == "unknown" && f.PartyClass is not (PartyClass.Civilians or PartyClass.Unknown)
                    ? f with { Party = hit.Id!, PartyClass = hit.PartyClass } : f)];
            // A force speaking of its own operation ("the SDF said its fighters captured") claims what it did.
            if (perpetrator is not null && SpeaksFor(tokens, words, v, perpetrator))
                figures = [.. figures.Select(f => f with { Certainty = Certainty.Claimed })];
            // A running total ("have killed an estimated 515 ... since March 2019") is a figure for a period and an area,
            // never one incident on the day it was published: the draft says so, with its period.
            var total = RunningTotal(tokens, words, dates);
            drafts.Add(new DraftIncident(Title(stored), date ?? dates.Fallback, location, Type(tokens), perpetrator, figures)
                { Total = total is null ? null : new DraftPeriod(total.Date, DateOnly.FromDateTime(request.PublishedAt.UtcDateTime)) });
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
            // A closing quote after the full stop ends the sentence it closes, not opens the next one.
            if (end == i + 1 && end < text.Length && text[end] is '"' or '”' or '’') { end++; i++; }
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
}
