using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Incidents;

/// <summary>Command + state -> events, or the reason the command is refused. Pure: the clock comes in.</summary>
public static class IncidentDecider
{
    /// <summary>Stream <c>incident-{id}</c>: one incident, its figures and their revisions.</summary>
    public static readonly Decider<IncidentCommand, IIncidentEvent, IncidentState> Kind = new(
        "incident-", IncidentState.Initial, (state, e, ctx) => state.Apply(e, ctx), Decide,
        [typeof(IncidentReported), typeof(FigureReported), typeof(FigureRevised), typeof(FigureDisputed), typeof(DisputeResolved),
         typeof(FigureRetracted), typeof(IncidentCorrected), typeof(IncidentRetracted)]);

    /// <summary>Figures one report may give: a real report names a few sources, categories and parties; a
    /// thousand in one request is a way to make every read of the incident slow.</summary>
    public const int MaxFiguresPerReport = 100;

    /// <summary>Figures one incident may hold, for the same reason; revisions of them are not capped.</summary>
    public const int MaxFigures = 500;

    public static Decision<IIncidentEvent> Decide(IncidentCommand command, IncidentState state, DateTimeOffset now)
    {
        if (command is ReportIncident report) return Report(report, state, now);
        if (!state.Exists) return DomainError.NotFound("incident-not-found", "no such incident");
        if (state.Retracted) return DomainError.Conflict("incident-retracted", $"incident {state.Id} was retracted; it takes no more changes");
        return command switch
        {
            ReportFigure c => ReportFigure(c, state, now, "").Map(),
            ReportFigures c => c.Figures.Count is 0 or > MaxFiguresPerReport
                ? DomainError.Invalid("figures", $"give 1 to {MaxFiguresPerReport} figures, not {c.Figures.Count}")
                : Figures(c.Figures, state, now, []),
            ReviseFigure c => Revise(c, state, now),
            DisputeFigure c => Dispute(c, state, now),
            ResolveDispute c => Resolve(c, state),
            RetractFigure c => RetractFigure(c, state),
            CorrectIncident c => Correct(c, state, now),
            RetractIncident c => FreeText.Check(c.Reason, "reason", 2000, required: true) is { } bad
                ? bad : Decision<IIncidentEvent>.Accept(new IncidentRetracted(c.Reason)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, null),
        };
    }

    private static Decision<IIncidentEvent> Report(ReportIncident c, IncidentState state, DateTimeOffset now)
    {
        if (state.Exists) return DomainError.Conflict("incident-exists", $"incident {c.IncidentId} already exists", "id");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var error = Slug.Check(c.IncidentId, "id")
            ?? FreeText.Check(c.Title, "title", 300, required: true)
            ?? c.Occurred.Validate("occurred", today)
            ?? c.Location.Validate("location")
            ?? Slug.Check(c.Type, "type")
            ?? (c.Perpetrator is null ? null : Slug.Check(c.Perpetrator, "perpetrator"))
            ?? FreeText.Check(c.Description, "description", 5000, required: false)
            ?? (c.Figures?.Count > MaxFiguresPerReport
                ? DomainError.Invalid("figures", $"a report gives at most {MaxFiguresPerReport} figures, not {c.Figures.Count}: report the rest one by one")
                : null);
        if (error is not null) return error;

        return Figures(c.Figures ?? [], state, now,
            [new IncidentReported(c.IncidentId, c.Title, c.Occurred, c.Location, c.Type, c.Perpetrator, c.Description)]);
    }

    /// <summary>Figures reported together, after the events before them: each checked as one alone, none given twice.</summary>
    private static Decision<IIncidentEvent> Figures(IReadOnlyList<ReportFigure> figures, IncidentState state, DateTimeOffset now, List<IIncidentEvent> events)
    {
        var figureIds = new HashSet<string>();
        for (var i = 0; i < figures.Count; i++)
        {
            var decided = ReportFigure(figures[i], state, now, $"figures[{i}].");
            if (decided.Error is not null) return decided.Error;
            if (!figureIds.Add(decided.Event!.FigureId))
                return DomainError.Conflict("figure-exists", $"figure {decided.Event.FigureId} is given twice", $"figures[{i}]");
            if (state.Figures.Count + figureIds.Count > MaxFigures)
                return DomainError.Conflict("too-many-figures", $"incident {state.Id} would hold more than {MaxFigures} figures, the most one incident may hold", $"figures[{i}]");
            events.Add(decided.Event);
        }
        return Decision<IIncidentEvent>.Accept(events);
    }

    private static FigureDecision ReportFigure(ReportFigure c, IncidentState state, DateTimeOffset now, string prefix)
    {
        var error = Slug.Check(c.Source.Id, prefix + "source")
            ?? Slug.Check(c.Party, prefix + "party")
            ?? (c.Category == FigureCategory.Attacks
                ? DomainError.Invalid(prefix + "category", $"{prefix}category is attacks, which regional figures count: an incident is one attack")
                : null)
            ?? c.Value.Validate(prefix + "value")
            ?? CheckPublished(c.PublishedAt, prefix + "publishedAt", now)
            ?? FreeText.CheckUrl(c.Url, prefix + "url")
            ?? FreeText.Check(c.Quote, prefix + "quote", 2000, required: false)
            ?? CheckBreakdown(c.Breakdown, prefix + "breakdown");
        if (error is not null) return new(null, error);

        var figureId = FigureIds.For(c.Source.Id, c.Category, c.Party);
        if (state.Figures.Count >= MaxFigures)
            return new(null, DomainError.Conflict("too-many-figures", $"incident {state.Id} holds {MaxFigures} figures, the most one incident may hold", prefix + "source"));
        if (state.Figures.ContainsKey(figureId))
            return new(null, DomainError.Conflict("figure-exists", $"figure {figureId} exists; revise it instead", prefix + "source"));

        // docs/CONTRACT.md §1: whatever the request says, an armed group's figure is its own claim.
        var certainty = c.Source.Kind == SourceKind.ArmedGroup ? Certainty.Claimed : c.Certainty;
        return new(new FigureReported(figureId, c.Source.Id, c.Source.Kind, c.Source.Rank, c.Category, c.Party, c.PartyClass,
            c.Value, certainty, c.PublishedAt, c.Url, c.Quote, c.Breakdown), null);
    }

    private static Decision<IIncidentEvent> Revise(ReviseFigure c, IncidentState state, DateTimeOffset now)
    {
        if (FindLiveFigure(c.FigureId, state) is { Error: { } missing }) return missing;
        var error = c.Value.Validate("value")
            ?? FreeText.Check(c.Reason, "reason", 2000, required: true)
            ?? CheckPublished(c.PublishedAt, "publishedAt", now)
            ?? FreeText.CheckUrl(c.Url, "url")
            ?? FreeText.Check(c.Quote, "quote", 2000, required: false);
        return error ?? Decision<IIncidentEvent>.Accept(new FigureRevised(c.FigureId, c.Value, c.PublishedAt, c.Reason, c.Url, c.Quote));
    }

    private static Decision<IIncidentEvent> Dispute(DisputeFigure c, IncidentState state, DateTimeOffset now)
    {
        var (figure, missing) = FindLiveFigure(c.FigureId, state);
        if (missing is not null) return missing;
        if (figure!.Status == FigureStatus.Excluded)
            return DomainError.Conflict("figure-excluded", $"figure {c.FigureId} is already excluded by an upheld dispute");
        var error = Slug.Check(c.DisputedBy, "disputedBy")
            ?? (c.DisputedBy == figure.Source
                ? DomainError.Invalid("disputedBy", $"disputedBy {c.DisputedBy} is the figure's own source, which cannot dispute it; revise or retract it instead")
                : null)
            ?? FreeText.Check(c.Reason, "reason", 2000, required: true)
            ?? c.CounterValue?.Validate("counterValue")
            ?? CheckPublished(c.PublishedAt, "publishedAt", now);
        if (error is not null) return error;
        // Dispute ids are the order of disputes in the incident: stable when a command is decided again.
        var disputeId = $"d{state.Disputes.Count + 1}";
        return Decision<IIncidentEvent>.Accept(new FigureDisputed(disputeId, c.FigureId, c.DisputedBy, c.Reason, c.CounterValue, c.PublishedAt));
    }

    private static Decision<IIncidentEvent> Resolve(ResolveDispute c, IncidentState state)
    {
        if (!state.Disputes.TryGetValue(c.DisputeId, out var dispute))
            return DomainError.NotFound("dispute-not-found", $"incident {state.Id} has no dispute {c.DisputeId}", "disputeId");
        if (dispute.Outcome is { } outcome)
            return DomainError.Conflict("dispute-resolved", $"dispute {c.DisputeId} was already resolved ({FigureIds.Kebab(outcome)})");
        return FreeText.Check(c.Note, "note", 2000, required: true) is { } bad
            ? bad
            : Decision<IIncidentEvent>.Accept(new DisputeResolved(c.DisputeId, dispute.FigureId, c.Outcome, c.Note));
    }

    private static Decision<IIncidentEvent> RetractFigure(RetractFigure c, IncidentState state)
    {
        if (FindLiveFigure(c.FigureId, state) is { Error: { } missing }) return missing;
        return FreeText.Check(c.Reason, "reason", 2000, required: true) is { } bad
            ? bad : Decision<IIncidentEvent>.Accept(new FigureRetracted(c.FigureId, c.Reason));
    }

    private static Decision<IIncidentEvent> Correct(CorrectIncident c, IncidentState state, DateTimeOffset now)
    {
        var error = FreeText.Check(c.Reason, "reason", 2000, required: true)
            ?? c.Occurred?.Validate("occurred", DateOnly.FromDateTime(now.UtcDateTime))
            ?? c.Location?.Validate("location")
            ?? (c.Type is null ? null : Slug.Check(c.Type, "type"));
        if (error is not null) return error;
        // Only what differs is recorded, and a correction must change something.
        var occurred = c.Occurred == state.Occurred ? null : c.Occurred;
        var location = c.Location == state.Location ? null : c.Location;
        var type = c.Type == state.Type ? null : c.Type;
        if (occurred is null && location is null && type is null)
            return DomainError.Invalid("occurred", "the correction changes nothing: give an occurred, location or type that differs");
        return Decision<IIncidentEvent>.Accept(new IncidentCorrected(occurred, location, type, c.Reason));
    }

    private static (FigureState? Figure, DomainError? Error) FindLiveFigure(string figureId, IncidentState state)
    {
        if (!state.Figures.TryGetValue(figureId, out var figure))
            return (null, DomainError.NotFound("figure-not-found", $"incident {state.Id} has no figure {figureId}", "figureId"));
        if (figure.Status == FigureStatus.Retracted)
            return (null, DomainError.Conflict("figure-retracted", $"figure {figureId} was retracted by its source"));
        return (figure, null);
    }

    internal static DomainError? CheckPublished(DateTimeOffset? publishedAt, string field, DateTimeOffset now) =>
        publishedAt > now.AddMinutes(5) // a little clock skew between a newsroom and us is not "the future"
            ? DomainError.Invalid(field, $"{field} {publishedAt:O} is in the future")
            : null;

    internal static DomainError? CheckBreakdown(IReadOnlyDictionary<string, int>? breakdown, string field)
    {
        if (breakdown is null) return null;
        if (breakdown.Count > 32) return DomainError.Invalid(field, $"{field} has more than 32 entries");
        foreach (var (key, count) in breakdown)
        {
            if (Slug.Check(key, $"{field}.{key}") is { } bad) return bad;
            if (count < 0) return DomainError.Invalid($"{field}.{key}", $"{field}.{key} must be zero or more, not {count}");
        }
        return null;
    }

    private sealed record FigureDecision(FigureReported? Event, DomainError? Error)
    {
        public Decision<IIncidentEvent> Map() => Error is not null ? Error : Decision<IIncidentEvent>.Accept(Event!);
    }
}
