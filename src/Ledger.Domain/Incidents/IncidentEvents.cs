using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Incidents;

/// <summary>An event of stream <c>incident-{id}</c>. Stored as JSON under the record's name.</summary>
public interface IIncidentEvent;

public sealed record IncidentReported(
    string IncidentId, string Title, Occurrence Occurred, Location Location, string Type,
    string? Perpetrator, string? Description) : IIncidentEvent;

/// <summary>A source's figure. Its kind and rank are captured as they stood, so that the stream alone
/// reconciles the same way forever.</summary>
public sealed record FigureReported(
    string FigureId, string Source, SourceKind SourceKind, int SourceRank,
    FigureCategory Category, string Party, PartyClass PartyClass, FigureValue Value, Certainty Certainty,
    DateTimeOffset? PublishedAt, string? Url, string? Quote, IReadOnlyDictionary<string, int>? Breakdown) : IIncidentEvent;

/// <summary>The same source changes its own figure. A revision is a new report: its quote, URL and publication date
/// are those of the new value, and none of the first report's is shown beside it.</summary>
public sealed record FigureRevised(
    string FigureId, FigureValue Value, DateTimeOffset? PublishedAt, string Reason, string? Url, string? Quote = null) : IIncidentEvent;

/// <summary>Another source, or an analyst, contests a figure.</summary>
public sealed record FigureDisputed(
    string DisputeId, string FigureId, string DisputedBy, string Reason, FigureValue? CounterValue,
    DateTimeOffset? PublishedAt) : IIncidentEvent;

/// <summary>An editor upholds a dispute (the figure is excluded) or dismisses it.</summary>
public sealed record DisputeResolved(string DisputeId, string FigureId, DisputeOutcome Outcome, string Note) : IIncidentEvent;

public sealed record FigureRetracted(string FigureId, string Reason) : IIncidentEvent;

/// <summary>Date, place or type set right; what is null stays as it was.</summary>
public sealed record IncidentCorrected(Occurrence? Occurred, Location? Location, string? Type, string Reason) : IIncidentEvent;

/// <summary>Not an incident after all: it leaves every tally, its history stays.</summary>
public sealed record IncidentRetracted(string Reason) : IIncidentEvent;
