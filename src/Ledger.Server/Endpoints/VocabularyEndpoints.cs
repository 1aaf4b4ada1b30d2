using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>The names requests may use for incident types: what a 400 for an unknown one points to. (Actors are data:
/// ActorEndpoints.)</summary>
public static class VocabularyEndpoints
{
    public sealed record IncidentTypeList(IReadOnlyList<IncidentType> Types);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapRead("/api/incident-types", () =>
            new Reply(200, new IncidentTypeList(IncidentTypes.Types.All))).WithTags("vocabulary").Produces<IncidentTypeList>();
    }
}
