namespace Ledger.Reconciliation;

/// <summary>What reconciliation needs to know of one figure, as it currently stands.</summary>
public sealed record ReconcilableFigure(
    string FigureId,
    string Source,
    int SourceRank,
    FigureCategory Category,
    string Party,
    PartyClass PartyClass,
    FigureValue Value,
    Certainty Certainty,
    DateTimeOffset? PublishedAt,
    DateTimeOffset RecordedAt,
    FigureStatus Status,
    bool HasOpenDispute);
