using Ledger.Actors;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Server.Endpoints;
using Ledger.Server.Http;
using Ledger.Sources;

namespace Ledger.Server.Commands;

/// <summary>A command that was stored (or found stored before): what the API answers is made from this.</summary>
public sealed record Answered(CommandIds Ids, CommandTarget Target, CommandOutcome Outcome, object State, long Version, int Fresh)
{
    /// <summary>The answer's status when the command stored something now; 200 for one stored before (a replay), on
    /// every route.</summary>
    public int Status => Outcome.Status == CommandStatus.Duplicate ? 200 : Fresh;
}

/// <summary>What the API answers to a stored command, the body's type, and the problems its route may give;
/// <see cref="Status"/> is 201 where the command adds to the ledger, 200 where it changes what is there.</summary>
public sealed record Answer(Type Body, IReadOnlyList<int> Problems, Func<Answered, Reply> Make, int Status = 201)
{
    /// <summary>The same answer with 200 when stored now: a change of what is there (an alias, a rename).</summary>
    public Answer Changing => this with { Status = 200 };
}

/// <summary>The answers of the API's write routes, one per shape of body.</summary>
public static class Answers
{
    private static readonly int[] Writes = [400, 404, 409, 422];

    /// <summary>The incident as it now stands.</summary>
    public static readonly Answer Incident = new(typeof(IncidentBody), Writes, a =>
        new Reply(a.Status, IncidentBody.Of((IncidentState)a.State, a.Version), $"/api/incidents/{a.Target.Id}", a.Version, a.Outcome.LastPosition));

    /// <summary>The figure reported or revised, with the incident's version.</summary>
    public static readonly Answer Figure = new(typeof(FigureCreated), Writes, a =>
    {
        var figureId = a.Target.Command switch
        {
            ReportFigure r => FigureIds.For(r.Source.Id, r.Category, r.Party),
            _ => a.Ids["figureId"],
        };
        var figure = IncidentBody.Of((IncidentState)a.State, a.Version).Figures.Single(f => f.Id == figureId);
        return new Reply(a.Status, new FigureCreated(a.Target.Id, figure, a.Version, a.Outcome.LastPosition ?? 0),
            $"/api/incidents/{a.Target.Id}", a.Version, a.Outcome.LastPosition);
    });

    /// <summary>The dispute opened, by its id.</summary>
    public static readonly Answer Dispute = new(typeof(DisputeCreated), Writes, a =>
    {
        var figureId = a.Ids["figureId"];
        var disputeId = a.Outcome.Events.OfType<FigureDisputed>().SingleOrDefault()?.DisputeId
            ?? ((IncidentState)a.State).Disputes.Values.Last(d => d.FigureId == figureId).DisputeId;
        return new Reply(a.Status, new DisputeCreated(a.Target.Id, disputeId, figureId, a.Version, a.Outcome.LastPosition ?? 0),
            $"/api/incidents/{a.Target.Id}", a.Version, a.Outcome.LastPosition);
    });

    /// <summary>The region's definition as it now stands.</summary>
    public static readonly Answer Region = new(typeof(RegionDefined), Writes, a =>
    {
        var definition = ((RegionState)a.State).Definition!;
        return new Reply(a.Status, definition, $"/api/regions/{definition.RegionId}", null, a.Outcome.LastPosition);
    });

    /// <summary>The regional figure reported, revised or disputed.</summary>
    public static readonly Answer RegionalFigure = new(typeof(RegionEndpoints.RegionalFigureCreated), Writes, a =>
    {
        var figureId = a.Target.Command switch
        {
            ReportRegionalFigure r => RegionDecider.FigureIdFor(r.Source.Id, r.Category, r.PartyClass, r.Period),
            _ => a.Ids["figureId"],
        };
        return new Reply(a.Status, new RegionEndpoints.RegionalFigureCreated(a.Target.Id, ((RegionState)a.State).Figures[figureId], a.Version,
            a.Outcome.LastPosition ?? 0), $"/api/regions/{a.Target.Id}/figures", null, a.Outcome.LastPosition);
    });

    /// <summary>The source as registered.</summary>
    public static readonly Answer Source = new(typeof(Projections.SourceView), Writes, a =>
    {
        var s = (SourceState)a.State;
        return new Reply(a.Status, new Projections.SourceView(s.Id!, s.Name, s.Kind, s.Url, s.Rank, s.EffectiveRank, a.Outcome.RecordedAt ?? DateTimeOffset.UtcNow),
            $"/api/sources/{s.Id}", null, a.Outcome.LastPosition);
    });

    /// <summary>The actor as it now stands.</summary>
    public static readonly Answer Actor = new(typeof(ActorEndpoints.ActorView), Writes, a =>
    {
        var actor = (ActorState)a.State;
        return new Reply(a.Status, ActorEndpoints.ActorView.Of(actor), $"/api/actors/{actor.Id}", null, a.Outcome.LastPosition);
    });
}
