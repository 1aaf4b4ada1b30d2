using Ledger.Actors;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Server.Http;
using Ledger.Sources;
using static Ledger.Server.Endpoints.ActorEndpoints;
using static Ledger.Server.Endpoints.RegionEndpoints;

namespace Ledger.Server.Commands;

/// <summary>
/// The command map: every command the ledger takes, once, with its import name, its route and role, the ids it
/// carries, its answer, and how its request becomes a domain command for a stream. The API maps a route per line
/// (<see cref="CommandEndpoints"/>) and `ledger import` reads a line per command by name, both through
/// <see cref="CommandService"/>. A new command on an existing stream kind is its command record, its decider case and a
/// line here.
/// </summary>
public static class LedgerCommands
{
    public static readonly IReadOnlyList<CommandRoute> All =
    [
        On<ReportIncidentRequest>("reportIncident", "/api/incidents", Role.Reporter, ["incidentId"], Answers.Incident, async c =>
            Incident(await Translate.ReportIncident(c.Request, c.Ids.Optional("incidentId"), c.Names))),
        On<FigureRequest>("reportFigure", "/api/incidents/{id}/figures", Role.Reporter, ["incidentId"], Answers.Figure, async c =>
            Incident(c, await Translate.Figure(c.Request, c.Names))),
        On<FiguresRequest>("reportFigures", "/api/incidents/{id}/figures/batch", Role.Reporter, ["incidentId"], Answers.Incident, async c =>
            await Translate.Figures(c.Request.Figures, c.Names) is var (figures, wrong) && wrong is not null ? wrong : Incident(c, new ReportFigures(figures!))),
        On<ReviseFigureRequest>("reviseFigure", "/api/incidents/{id}/figures/{figureId}/revisions", Role.Reporter, ["incidentId", "figureId"], Answers.Figure, c =>
            Incident(c, Translate.Revise(c.Ids["figureId"], c.Request))),
        On<DisputeFigureRequest>("disputeFigure", "/api/incidents/{id}/figures/{figureId}/disputes", Role.Reporter, ["incidentId", "figureId"], Answers.Dispute, async c =>
            Incident(c, await Translate.Dispute(c.Ids["figureId"], c.Request, c.Names))),
        On<ResolveDisputeRequest>("resolveDispute", "/api/incidents/{id}/disputes/{disputeId}/resolution", Role.Editor, ["incidentId", "disputeId"], Answers.Incident, c =>
            Incident(c, Translate.Resolve(c.Ids["disputeId"], c.Request))),
        On<RetractionRequest>("retractFigure", "/api/incidents/{id}/figures/{figureId}/retraction", Role.Reporter, ["incidentId", "figureId"], Answers.Incident, c =>
            Incident(c, Translate.RetractFigure(c.Ids["figureId"], c.Request))),
        On<CorrectionRequest>("correctIncident", "/api/incidents/{id}/corrections", Role.Editor, ["incidentId"], Answers.Incident, async c =>
            Incident(c, await Translate.Correction(c.Request, c.Names))),
        On<RetractionRequest>("retractIncident", "/api/incidents/{id}/retraction", Role.Editor, ["incidentId"], Answers.Incident, c =>
            Incident(c, Translate.RetractIncident(c.Request))),

        On<DefineRegionRequest>("defineRegion", "/api/regions", Role.Admin, ["regionId"], Answers.Region, DefineRegionAsync),
        On<RegionAliasRequest>("addRegionAlias", "/api/regions/{id}/aliases", Role.Editor, ["regionId"], Answers.Region.Changing, AddRegionAliasAsync),
        On<RegionalFigureRequest>("reportRegionalFigure", "/api/regions/{id}/figures", Role.Reporter, ["regionId"], Answers.RegionalFigure, async c =>
            await RegionAsync(c, await Translate.RegionalFigure(c.Request, c.Names))),
        On<ReviseFigureRequest>("reviseRegionalFigure", "/api/regions/{id}/figures/{figureId}/revisions", Role.Reporter, ["regionId", "figureId"], Answers.RegionalFigure, async c =>
            await RegionAsync(c, (Translate.ReviseRegional(c.Ids["figureId"], c.Request), null))),
        On<DisputeFigureRequest>("disputeRegionalFigure", "/api/regions/{id}/figures/{figureId}/disputes", Role.Reporter, ["regionId", "figureId"], Answers.RegionalFigure, async c =>
            await RegionAsync(c, await Translate.DisputeRegional(c.Ids["figureId"], c.Request, c.Names))),

        On<RegisterSourceRequest>("registerSource", "/api/sources", Role.Admin, ["sourceId"], Answers.Source, c => Task.FromResult<Routed>(
            Slug.Check(c.Request.Id, "id") is { } bad ? Problems.From(bad) : CommandTarget.To(SourceDecider.Kind, c.Request.Id, Translate.RegisterSource(c.Request)))),

        On<RegisterActorRequest>("registerActor", "/api/actors", Role.Editor, ["actorId"], Answers.Actor, async c =>
            Slug.Check(c.Request.Id, "id") is { } bad ? Problems.From(bad) : await ActorAsync(c, c.Request.Id, c.Request.ToCommand())),
        On<AliasRequest>("addActorAlias", "/api/actors/{id}/aliases", Role.Editor, ["actorId"], Answers.Actor.Changing, c =>
            ActorAsync(c, c.Ids["actorId"], new AddActorAlias(c.Request.Alias, c.Request.Reason))),
        On<AliasRequest>("removeActorAlias", "/api/actors/{id}/aliases/removal", Role.Editor, ["actorId"], Answers.Actor.Changing, c =>
            ActorAsync(c, c.Ids["actorId"], new RemoveActorAlias(c.Request.Alias, c.Request.Reason))),
        On<RenameRequest>("renameActor", "/api/actors/{id}/rename", Role.Editor, ["actorId"], Answers.Actor.Changing, c =>
            ActorAsync(c, c.Ids["actorId"], new RenameActor(c.Request.Name, c.Request.NameAr, c.Request.Reason))),
        // The target as written may be any of its names: the merge records its id.
        On<MergeRequest>("mergeActor", "/api/actors/{id}/merge", Role.Editor, ["actorId"], Answers.Actor.Changing, async c =>
            await ActorAsync(c, c.Ids["actorId"], new MergeActor((await c.Names.ActorsAsync(reload: true)).Resolve(c.Request.Into)?.Id ?? c.Request.Into, c.Request.Reason))),
    ];

    /// <summary>The map by import name.</summary>
    public static readonly IReadOnlyDictionary<string, CommandRoute> ByName = All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static CommandRoute<T> On<T>(string name, string route, Role role, string[] ids, Answer answer, Func<CommandCall<T>, Task<Routed>> to)
        where T : class => new(name, route, role, ids, answer, to);

    private static CommandRoute<T> On<T>(string name, string route, Role role, string[] ids, Answer answer, Func<CommandCall<T>, Routed> to)
        where T : class => new(name, route, role, ids, answer, c => Task.FromResult(to(c)));

    private static Routed Incident((IncidentCommand? Command, Reply? Problem) made) =>
        made.Problem ?? (((ReportIncident)made.Command!).IncidentId is var id && Slug.IsValid(id)
            ? CommandTarget.To(IncidentDecider.Kind, id, made.Command!)
            : (Routed)Problems.Invalid(Slug.Check(id, "id")!.Message, "id"));

    private static Routed Incident<T>(CommandCall<T> c, (ReportFigure? Command, Reply? Problem) made) =>
        made.Problem is { } problem ? problem : Incident(c, made.Command!);

    private static Routed Incident<T>(CommandCall<T> c, (IncidentCommand? Command, Reply? Problem) made) =>
        made.Problem is { } problem ? problem : Incident(c, made.Command!);

    /// <summary>A command on the incident the route names; an id that is no slug names no incident.</summary>
    private static Routed Incident<T>(CommandCall<T> c, IncidentCommand command) => c.Ids["incidentId"] is var id && Slug.IsValid(id)
        ? CommandTarget.To(IncidentDecider.Kind, id, command)
        : Problems.NotFound($"there is no incident \"{(id.Length > 60 ? id[..60] + "..." : id)}\": incident ids are slugs", "id", "incident-not-found");

    private static async Task<Routed> DefineRegionAsync(CommandCall<DefineRegionRequest> c)
    {
        if (Slug.Check(c.Request.Id, "id") is { } bad) return Problems.From(bad);
        var (command, wrong) = await Translate.DefineRegion(c.Request, null, c.Names);
        return wrong is not null ? wrong : CommandTarget.To(RegionDecider.Kind, c.Request.Id, command!);
    }

    /// <summary>Any region, also a division of the atlas the ledger does not hold yet (which this defines, from the atlas,
    /// in the same decision): "Aden" and "عدن" for YE-AD, or an OCHA p-code. Two regions never share a name.</summary>
    private static async Task<Routed> AddRegionAliasAsync(CommandCall<RegionAliasRequest> c)
    {
        var id = c.Ids["regionId"];
        var index = await c.Names.RegionIndexAsync(reload: true);
        if (index.Resolve(id) is not { } region)
            return Problems.NotFound($"there is no region \"{id}\" (give its id, ISO 3166-2 code or name)", "id", "region-not-found");
        if (index.Resolve(c.Request.Alias) is { } other && other.RegionId != region.RegionId && index.Holds(other.RegionId))
            return Problems.Of(409, "Conflict", $"\"{c.Request.Alias}\" already names {other.Name} ({other.RegionId}): two regions cannot share a name", "alias", "alias-taken");
        return CommandTarget.To(RegionDecider.Kind, region.RegionId,
            (RegionCommand)new AddRegionAlias(c.Request.Alias, c.Request.PCode, c.Request.Reason, index.Holds(region.RegionId) ? null : region));
    }

    /// <summary>A command on the region the route names by any of its names.</summary>
    private static async Task<Routed> RegionAsync<T, TCommand>(CommandCall<T> c, (TCommand? Command, Reply? Problem) made) where TCommand : RegionCommand
    {
        if (made.Problem is not null) return made.Problem;
        var id = c.Ids["regionId"];
        return await c.Names.RegionAsync(id) is { } region
            ? CommandTarget.To(RegionDecider.Kind, region.RegionId, (RegionCommand)made.Command!)
            : Problems.NotFound($"there is no region \"{id}\"", "id", "region-not-found");
    }

    /// <summary>A change of the registry, checked against it first (a name another actor holds, a merge target).</summary>
    private static async Task<Routed> ActorAsync<T>(CommandCall<T> c, string id, ActorCommand command)
    {
        if (!Slug.IsValid(id)) return Problems.NotFound($"there is no actor \"{id}\"", "id", "actor-not-found");
        if ((await c.Names.ActorsAsync(reload: true)).Check(id, command) is { } clash) return Problems.From(clash);
        return CommandTarget.To(ActorDecider.Kind, id, command);
    }
}
