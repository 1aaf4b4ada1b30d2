using Ledger.Actors;
using Ledger.Incidents;
using Ledger.Names;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Server.Http;

/// <summary>Request bodies to commands, shared by the HTTP API and `ledger import`, so both accept and refuse
/// exactly the same input. A name that resolves to nothing is a 422 naming the field.</summary>
public static class Translate
{
    public static async Task<(IncidentCommand? Command, Reply? Problem)> ReportIncident(ReportIncidentRequest req, string? incidentId, NameResolver names)
    {
        // Before any figure's names are looked up: a request of thousands of figures costs one check.
        if (req.Figures?.Count > IncidentDecider.MaxFiguresPerReport)
            return (null, Problems.Invalid($"a report gives at most {IncidentDecider.MaxFiguresPerReport} figures, not {req.Figures.Count}: report the rest one by one", "figures"));
        var (location, wrongPlace) = await Location(req.Location, names, "location");
        if (wrongPlace is not null) return (null, wrongPlace);
        var (figures, wrongFigure) = await Figures(req.Figures ?? [], names);
        if (wrongFigure is not null) return (null, wrongFigure);
        var (type, wrongType) = Type(req.Type, "type");
        if (wrongType is not null) return (null, wrongType);
        var (perpetrator, wrongActor) = await Actor(req.Perpetrator, "perpetrator", names);
        if (wrongActor is not null) return (null, wrongActor);
        var id = incidentId ?? req.Id ?? $"{req.Occurred.Date:yyyyMMdd}-{location!.Admin1 ?? location.Country.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
        return (new ReportIncident(id, req.Title, new Occurrence(req.Occurred.Date, req.Occurred.Precision, req.Occurred.EndDate),
            location!, type!, perpetrator, req.Description, figures), null);
    }

    /// <summary>Several figures; a 422 names the first whose source or party is unknown (figures[2].source).</summary>
    public static async Task<(IReadOnlyList<ReportFigure>? Figures, Reply? Problem)> Figures(IReadOnlyList<FigureRequest> requests, NameResolver names)
    {
        // Before any figure's names are looked up: a request of thousands of figures costs one check.
        if (requests.Count > IncidentDecider.MaxFiguresPerReport)
            return (null, Problems.Invalid($"a report gives at most {IncidentDecider.MaxFiguresPerReport} figures, not {requests.Count}: report the rest one by one", "figures"));
        var figures = new List<ReportFigure>();
        for (var i = 0; i < requests.Count; i++)
        {
            var (figure, wrong) = await Figure(requests[i], names, $"figures[{i}].");
            if (wrong is not null) return (null, wrong);
            figures.Add(figure!);
        }
        return (figures, null);
    }

    public static async Task<(ReportFigure? Command, Reply? Problem)> Figure(FigureRequest r, NameResolver names, string prefix = "")
    {
        var source = await names.SourceAsync(r.Source);
        if (source is null)
            return (null, Problems.Invalid($"{prefix}source \"{r.Source}\" is not a registered source (register it first)", prefix + "source"));
        var (party, wrongParty) = await Actor(r.Party, prefix + "party", names);
        if (wrongParty is not null) return (null, wrongParty);
        return (new ReportFigure(source, r.Category, party!, r.PartyClass, r.Value, r.Certainty, r.PublishedAt, r.Url, r.Quote, r.Breakdown), null);
    }

    public static async Task<(IncidentCommand? Command, Reply? Problem)> Correction(CorrectionRequest req, NameResolver names)
    {
        Location? location = null;
        if (req.Location is not null)
        {
            var (resolved, wrong) = await Location(req.Location, names, "location");
            if (wrong is not null) return (null, wrong);
            location = resolved;
        }
        var occurred = req.Occurred is { } o ? new Occurrence(o.Date, o.Precision, o.EndDate) : null;
        var (type, wrongType) = Type(req.Type, "type");
        if (wrongType is not null) return (null, wrongType);
        return (new CorrectIncident(req.Reason, occurred, location, type), null);
    }

    public static IncidentCommand Revise(string figureId, ReviseFigureRequest r) => new ReviseFigure(figureId, r.Value, r.Reason, r.PublishedAt, r.Url, r.Quote);

    private static (string? Id, Reply? Problem) Type(string? name, string field) =>
        TypeId(name, field) is var (id, error) && error is null ? (id, null) : (null, Problems.Invalid(error!, field));

    /// <summary>An actor by id, name or alias in English or Arabic ("Daesh", "ISIL", "داعش" are isis), as the registry
    /// stands now; an unknown name is a 422 naming the field, the route that registers an actor, and the closest names.
    /// The id stored is the one written with: the registry resolves it again on every read (a rename or merge later).</summary>
    public static async Task<(string? Id, Reply? Problem)> Actor(string? name, string field, NameResolver names)
    {
        if (name is null) return (null, null);
        if (await names.ActorAsync(name) is { } actor) return (actor.Id, null);
        return (null, Problems.Invalid(Unknown(name, field, await names.ActorsAsync()), field));
    }

    /// <summary>Why a name is no actor, and what to do about it.</summary>
    public static string Unknown(string name, string field, ActorIndex actors) =>
        $"{field} \"{name}\" is not a known actor: register it (POST /api/actors, an editor) or give a name of one (GET /api/actors lists them){actors.Suggest(name)}";

    /// <summary>An incident type by id or alias ("airstrike" is air-strike), or why the name is refused; null stays null.</summary>
    public static (string? Id, string? Error) TypeId(string? name, string field) =>
        name is null ? (null, null)
        : IncidentTypes.Types.Resolve(name) is { } t ? (t.Id, null)
        : (null, $"{field} \"{name}\" is not a known incident type; give one of {string.Join(", ", IncidentTypes.Types.Ids)} (or an alias such as airstrike, ied, clash)");

    /// <summary>A dispute; who disputes is a registered source (in any case: "SANA" is sana) or a known actor, by any of
    /// its names, and is stored by id. Anyone else is a 422 naming disputedBy.</summary>
    public static async Task<(IncidentCommand? Command, Reply? Problem)> Dispute(string figureId, DisputeFigureRequest r, NameResolver names)
    {
        var (by, wrong) = await Disputant(r.DisputedBy, names);
        return wrong is not null ? (null, wrong) : (new DisputeFigure(figureId, by!, r.Reason, r.CounterValue, r.PublishedAt), null);
    }

    private static async Task<(string? Id, Reply? Problem)> Disputant(string? name, NameResolver names)
    {
        if (string.IsNullOrWhiteSpace(name)) return (null, Problems.Invalid("disputedBy is required: the source or actor that disputes the figure", "disputedBy"));
        if (await names.SourceAsync(name) is { } source) return (source.Id, null);
        if (await names.ActorAsync(name) is { } actor) return (actor.Id, null);
        return (null, Problems.Invalid($"disputedBy \"{name}\" is neither a registered source (GET /api/sources) nor a known actor (GET /api/actors)", "disputedBy"));
    }
    public static IncidentCommand Resolve(string disputeId, ResolveDisputeRequest r) => new ResolveDispute(disputeId, r.Outcome, r.Note);
    public static IncidentCommand RetractFigure(string figureId, RetractionRequest r) => new RetractFigure(figureId, r.Reason);
    public static IncidentCommand RetractIncident(RetractionRequest r) => new RetractIncident(r.Reason);
    public static RegisterSource RegisterSource(RegisterSourceRequest r, string? sourceId = null) => new(sourceId ?? r.Id, r.Name, r.Kind, r.Url, r.Rank);
    public static RegionCommand ReviseRegional(string figureId, ReviseFigureRequest r) => new ReviseRegionalFigure(figureId, r.Value, r.Reason, r.PublishedAt, r.Url, r.Quote);
    public static async Task<(RegionCommand? Command, Reply? Problem)> DisputeRegional(string figureId, DisputeFigureRequest r, NameResolver names)
    {
        var (by, wrong) = await Disputant(r.DisputedBy, names);
        return wrong is not null ? (null, wrong) : (new DisputeRegionalFigure(figureId, by!, r.Reason, r.CounterValue, r.PublishedAt), null);
    }

    public static async Task<(RegionCommand? Command, Reply? Problem)> DefineRegion(DefineRegionRequest req, string? regionId, NameResolver names)
    {
        var members = new List<string>();
        for (var i = 0; i < (req.Members?.Count ?? 0); i++)
        {
            var member = await names.RegionAsync(req.Members![i]);
            if (member is null || member.Level != RegionLevel.Admin1)
                return (null, Problems.Invalid($"members[{i}] \"{req.Members[i]}\" is not a known governorate", $"members[{i}]"));
            members.Add(member.RegionId);
        }
        if (req.ParentId is not null && await names.RegionAsync(req.ParentId) is null)
            return (null, Problems.Invalid($"parentId \"{req.ParentId}\" is not a known region", "parentId"));
        return (new DefineRegion(regionId ?? req.Id, req.Name, req.Country.ToUpperInvariant(), req.Level, req.ParentId, req.Aliases, members, req.NameAr, req.IsoCode), null);
    }

    public static async Task<(ReportRegionalFigure? Command, Reply? Problem)> RegionalFigure(RegionalFigureRequest req, NameResolver names)
    {
        var source = await names.SourceAsync(req.Source);
        if (source is null) return (null, Problems.Invalid($"source \"{req.Source}\" is not a registered source", "source"));
        return (new ReportRegionalFigure(source, req.Category, req.PartyClass, new Period(req.Period.From, req.Period.To), req.Value,
            req.Certainty, req.PublishedAt, req.Url, req.Quote, req.Breakdown), null);
    }

    public static async Task<(Location? Location, Reply? Problem)> Location(LocationBody body, NameResolver names, string field)
    {
        if (string.IsNullOrWhiteSpace(body.Country))
            return (null, Problems.Invalid($"{field}.country is missing: give the country's ISO 3166-1 code (YE) or its name", field + ".country"));
        // Any country of ISO 3166-1 by its code or name; an unknown one ("ZZ") is refused, never stored.
        if (await names.CountryAsync(body.Country) is not { } known)
            return (null, Problems.Invalid($"{field}.country \"{body.Country}\" is not a country: give an ISO 3166-1 code (e.g. SY, IQ, YE) or a country's name{AtlasHint}", field + ".country"));
        var country = known.Country;
        if (body.Admin1 is null)
            return (new Location(country, null, body.Admin2, body.Place, body.Lat, body.Lon, body.Precision ?? LocationPrecision.Country), null);
        var region = await names.RegionAsync(body.Admin1, country, RegionLevel.Admin1) ?? await names.RegionAsync(body.Admin1, level: RegionLevel.Admin1);
        if (region is null)
            return (null, Problems.Invalid($"{field}.admin1 \"{body.Admin1}\" is not a known first-level division of {country} (give its ISO 3166-2 code, e.g. {country}-.., its name or Arabic name, p-code or an alias; an editor adds an alias with POST /api/regions/{{id}}/aliases){AtlasHint}", field + ".admin1"));
        if (country != region.Country)
            return (null, Problems.Invalid($"{region.Name} ({region.RegionId}) is in {region.Country}, not {body.Country}", field + ".country"));
        // The place as the source wrote it: a p-code is the coder's resolution, not the source's words, so it keeps none.
        var given = string.Equals(body.Admin1, region.RegionId, StringComparison.OrdinalIgnoreCase) ? null : body.Admin1;
        return (new Location(country, region.RegionId, body.Admin2, body.Place, body.Lat, body.Lon, body.Precision ?? LocationPrecision.Admin1,
            Admin1Given: given), null);
    }

    /// <summary>Said when this node has no atlas (iso-codes not installed), so that only the ledger's own regions are known.</summary>
    private static string AtlasHint => IsoCodes.Atlas.Count == 0 ? " (this node has no world atlas: install Debian's iso-codes package)" : "";
}
