using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>POSTs on incidents: each reads its body strictly, resolves names, and hands a command to the incident's grain.</summary>
public static class IncidentWrites
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").WithTags("incidents");
        api.MapWrite("", Role.Reporter, (IGrainFactory grains, Lookups lookups, WriteContext w) => Report(w, grains, lookups))
            .Accepts<ReportIncidentRequest>("application/json").Produces<IncidentBody>(201).ProducesProblem(400).ProducesProblem(422);
        api.MapWrite("/{id}/figures", Role.Reporter, (string id, IGrainFactory grains, Lookups lookups, WriteContext w) => AddFigure(id, w, grains, lookups))
            .Accepts<FigureRequest>("application/json").Produces<FigureCreated>(201).ProducesProblem(404).ProducesProblem(409);
        api.MapWrite("/{id}/figures/{figureId}/revisions", Role.Reporter, (string id, string figureId, IGrainFactory grains, WriteContext w) => Figure<ReviseFigureRequest>(id, figureId, w, grains, r => Translate.Revise(figureId, r)))
            .Accepts<ReviseFigureRequest>("application/json").Produces<FigureCreated>(201).ProducesProblem(404);
        api.MapWrite("/{id}/figures/{figureId}/disputes", Role.Reporter, (string id, string figureId, IGrainFactory grains, Lookups lookups, WriteContext w) => Dispute(id, figureId, w, grains, lookups))
            .Accepts<DisputeFigureRequest>("application/json").Produces<DisputeCreated>(201).ProducesProblem(404);
        api.MapWrite("/{id}/disputes/{disputeId}/resolution", Role.Editor, (string id, string disputeId, IGrainFactory grains, WriteContext w) => Change<ResolveDisputeRequest>(id, w, grains, r => Translate.Resolve(disputeId, r)))
            .Accepts<ResolveDisputeRequest>("application/json").Produces<IncidentBody>(201).ProducesProblem(404).ProducesProblem(409);
        api.MapWrite("/{id}/figures/{figureId}/retraction", Role.Reporter, (string id, string figureId, IGrainFactory grains, WriteContext w) => Change<RetractionRequest>(id, w, grains, r => Translate.RetractFigure(figureId, r)))
            .Accepts<RetractionRequest>("application/json").Produces<IncidentBody>(201).ProducesProblem(404);
        api.MapWrite("/{id}/corrections", Role.Editor, (string id, IGrainFactory grains, Lookups lookups, WriteContext w) => Correct(id, w, grains, lookups))
            .Accepts<CorrectionRequest>("application/json").Produces<IncidentBody>(201).ProducesProblem(404);
        api.MapWrite("/{id}/retraction", Role.Editor, (string id, IGrainFactory grains, WriteContext w) => Change<RetractionRequest>(id, w, grains, Translate.RetractIncident))
            .Accepts<RetractionRequest>("application/json").Produces<IncidentBody>(201).ProducesProblem(404);
    }

    private static async Task<Reply> Report(WriteContext w, IGrainFactory grains, Lookups lookups)
    {
        var (req, bad) = JsonBody.Read<ReportIncidentRequest>(w.Body);
        if (bad is not null) return bad;
        var (command, wrong) = await Translate.ReportIncident(req!, null, lookups.Names);
        if (wrong is not null) return wrong;
        var id = ((ReportIncident)command!).IncidentId;
        if (!Slug.IsValid(id)) return Problems.Invalid(Slug.Check(id, "id")!.Message, "id");
        return await Execute(id, command, w, grains);
    }

    private static async Task<Reply> AddFigure(string id, WriteContext w, IGrainFactory grains, Lookups lookups)
    {
        if (BadId(id) is { } badId) return badId;
        var (req, bad) = JsonBody.Read<FigureRequest>(w.Body);
        if (bad is not null) return bad;
        var (command, wrong) = await Translate.Figure(req!, lookups.Names);
        if (wrong is not null) return wrong;
        var figureId = FigureIds.For(command!.Source.Id, command.Category, command.Party);
        return await FigureReply(id, figureId, command, w, grains);
    }

    private static async Task<Reply> Figure<T>(string id, string figureId, WriteContext w, IGrainFactory grains, Func<T, IncidentCommand> make) where T : class
    {
        if (BadId(id) is { } badId) return badId;
        var (req, bad) = JsonBody.Read<T>(w.Body);
        return bad ?? await FigureReply(id, figureId, make(req!), w, grains);
    }

    private static async Task<Reply> FigureReply(string id, string figureId, IncidentCommand command, WriteContext w, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IIncidentGrain>(id);
        var outcome = await grain.Handle(command, w.Metadata);
        if (!outcome.Succeeded) return Problems.From(outcome);
        var state = await grain.GetState();
        var body = IncidentBody.Of(state.State, state.Version);
        return new Reply(201, new FigureCreated(id, body.Figures.Single(f => f.Id == figureId), state.Version, outcome.LastPosition ?? 0),
            $"/api/incidents/{id}", state.Version, outcome.LastPosition);
    }

    private static async Task<Reply> Dispute(string id, string figureId, WriteContext w, IGrainFactory grains, Lookups lookups)
    {
        if (BadId(id) is { } badId) return badId;
        var (req, bad) = JsonBody.Read<DisputeFigureRequest>(w.Body);
        if (bad is not null) return bad;
        var (command, wrong) = await Translate.Dispute(figureId, req!, lookups.Names);
        if (wrong is not null) return wrong;
        var outcome = await grains.GetGrain<IIncidentGrain>(id).Handle(command!, w.Metadata);
        if (!outcome.Succeeded) return Problems.From(outcome);
        var disputeId = outcome.Events.OfType<FigureDisputed>().SingleOrDefault()?.DisputeId
            ?? (await grains.GetGrain<IIncidentGrain>(id).GetState()).State.Disputes.Values.Last(d => d.FigureId == figureId).DisputeId;
        return new Reply(201, new DisputeCreated(id, disputeId, figureId, outcome.Version, outcome.LastPosition ?? 0),
            $"/api/incidents/{id}", outcome.Version, outcome.LastPosition);
    }

    private static async Task<Reply> Correct(string id, WriteContext w, IGrainFactory grains, Lookups lookups)
    {
        if (BadId(id) is { } badId) return badId;
        var (req, bad) = JsonBody.Read<CorrectionRequest>(w.Body);
        if (bad is not null) return bad;
        var (command, wrong) = await Translate.Correction(req!, lookups.Names);
        return wrong ?? await Execute(id, command!, w, grains);
    }

    private static async Task<Reply> Change<T>(string id, WriteContext w, IGrainFactory grains, Func<T, IncidentCommand> make) where T : class
    {
        if (BadId(id) is { } badId) return badId;
        var (req, bad) = JsonBody.Read<T>(w.Body);
        return bad ?? await Execute(id, make(req!), w, grains);
    }

    private static async Task<Reply> Execute(string id, IncidentCommand command, WriteContext w, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IIncidentGrain>(id);
        var outcome = await grain.Handle(command, w.Metadata);
        if (!outcome.Succeeded) return Problems.From(outcome);
        var state = await grain.GetState();
        var status = outcome.Status == CommandStatus.Duplicate ? 200 : 201;
        return new Reply(status, IncidentBody.Of(state.State, state.Version), $"/api/incidents/{id}", state.Version, outcome.LastPosition);
    }

    internal static Reply? BadId(string id) =>
        Slug.IsValid(id) ? null : Problems.NotFound($"there is no incident \"{Truncate(id)}\": incident ids are slugs", "id", "incident-not-found");

    private static string Truncate(string s) => s.Length > 60 ? s[..60] + "..." : s;
}
