using System.Text.Json.Serialization;
using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Drafting;

/// <summary>An article to draft from: its text, when it was published (what "today" and "on Tuesday" mean), where,
/// and who published it (the source of a figure no one else is said to give). <see cref="Language"/> is "en" or
/// "ar", or null to tell from the text.</summary>
public sealed record DraftRequest(string Text, DateTimeOffset PublishedAt, string? Url = null, string? Source = null, string? Language = null);

/// <summary>Character offsets [Start, End) in the article's text.</summary>
public sealed record TextSpan(int Start, int End);

public sealed record DraftDate(DateOnly Date, DatePrecision Precision);

/// <summary>Where, as far as the text says: every key is answered, null when the text does not say (a coder sees what
/// is missing rather than a key that is absent). The precision follows from what was found.</summary>
public sealed record DraftLocation(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Country,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Admin1,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Place)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public LocationPrecision? Precision => Admin1 is not null ? LocationPrecision.Admin1 : Country is not null ? LocationPrecision.Country : null;
}

/// <summary>A figure read from a sentence, for a coder to confirm: the sentence is its quote, and its span locates it.</summary>
public sealed record DraftFigure(
    FigureCategory Category, string Party, PartyClass PartyClass, FigureValue Value, Certainty Certainty,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source, string Quote, TextSpan Span);

/// <summary>A count that is not a casualty figure ("950 to 975 attacks"): perhaps a regional figure, never an incident's.</summary>
public sealed record DraftCount(FigureValue Value, string Noun, string Quote, TextSpan Span);

/// <summary>The days a running total counts over: from the day (or month, or year) the text gives to the publication.</summary>
public sealed record DraftPeriod(DateOnly From, DateOnly To);

/// <summary>One drafted incident: the sentence its figures come from, and what the text says of when, where, what and who.
/// <see cref="Total"/> is set when the figures are a running total over a period ("since March 2019"): then the draft is
/// a regional figure for that period, not an incident, and its import lines say so.</summary>
public sealed record DraftIncident(
    string Title, DraftDate Occurred, DraftLocation Location,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Perpetrator, IReadOnlyList<DraftFigure> Figures)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DraftPeriod? Total { get; init; }
}

public sealed record DraftResult(string Language, IReadOnlyList<DraftIncident> Drafts, IReadOnlyList<DraftCount> Counts);
