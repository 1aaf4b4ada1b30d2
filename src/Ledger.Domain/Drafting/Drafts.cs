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

public sealed record DraftLocation(string? Country, string? Admin1, string? Place);

/// <summary>A figure read from a sentence, for a coder to confirm: the sentence is its quote, and its span locates it.</summary>
public sealed record DraftFigure(
    FigureCategory Category, string Party, PartyClass PartyClass, FigureValue Value, Certainty Certainty, string? Source, string Quote, TextSpan Span);

/// <summary>A count that is not a casualty figure ("950 to 975 attacks"): perhaps a regional figure, never an incident's.</summary>
public sealed record DraftCount(FigureValue Value, string Noun, string Quote, TextSpan Span);

/// <summary>One drafted incident: the sentence its figures come from, and what the text says of when, where, what and who.</summary>
public sealed record DraftIncident(
    string Title, DraftDate Occurred, DraftLocation Location, string? Type, string? Perpetrator, IReadOnlyList<DraftFigure> Figures);

public sealed record DraftResult(string Language, IReadOnlyList<DraftIncident> Drafts, IReadOnlyList<DraftCount> Counts);
