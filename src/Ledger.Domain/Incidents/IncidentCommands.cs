using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Incidents;

/// <summary>What a reporter or editor asks of an incident. Names are resolved (admin1 to a region id,
/// source to its kind and rank) before a command reaches the decider, which does no I/O.</summary>
public abstract record IncidentCommand;

public sealed record ReportIncident(
    string IncidentId, string Title, Occurrence Occurred, Location Location, string Type,
    string? Perpetrator = null, string? Description = null, IReadOnlyList<ReportFigure>? Figures = null) : IncidentCommand;

/// <summary>A registered source, as the source registry knows it.</summary>
public sealed record SourceRef(string Id, SourceKind Kind, int Rank)
{
    public static SourceRef Of(string id, SourceKind kind, int? rank = null) => new(id, kind, rank ?? SourceRanks.DefaultFor(kind));
}

public sealed record ReportFigure(
    SourceRef Source, FigureCategory Category, string Party, PartyClass PartyClass, FigureValue Value,
    Certainty Certainty, DateTimeOffset? PublishedAt = null, string? Url = null, string? Quote = null,
    IReadOnlyDictionary<string, int>? Breakdown = null) : IncidentCommand;

/// <summary>Several sources' figures for the incident at once (an article's figures, as a coder confirms them): all
/// or none.</summary>
public sealed record ReportFigures(IReadOnlyList<ReportFigure> Figures) : IncidentCommand;

public sealed record ReviseFigure(string FigureId, FigureValue Value, string Reason, DateTimeOffset? PublishedAt = null, string? Url = null,
    string? Quote = null) : IncidentCommand;

public sealed record DisputeFigure(string FigureId, string DisputedBy, string Reason, FigureValue? CounterValue = null, DateTimeOffset? PublishedAt = null) : IncidentCommand;

public sealed record ResolveDispute(string DisputeId, DisputeOutcome Outcome, string Note) : IncidentCommand;

public sealed record RetractFigure(string FigureId, string Reason) : IncidentCommand;

public sealed record CorrectIncident(string Reason, Occurrence? Occurred = null, Location? Location = null, string? Type = null) : IncidentCommand;

public sealed record RetractIncident(string Reason) : IncidentCommand;
