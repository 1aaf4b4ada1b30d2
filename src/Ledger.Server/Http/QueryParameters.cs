using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Server.Http;

/// <summary>One query parameter an endpoint takes: what the OpenAPI document shows, and what the unknown-parameter
/// check lets through. One list serves both, so the document cannot drift from the server.</summary>
public sealed record QueryParameter(string Name, string Type, string Description, IReadOnlyList<string>? Values = null, string? Format = null,
    long? Minimum = null, long? Maximum = null);

/// <summary>Endpoint metadata: the query parameters this endpoint reads; any other is a 400.</summary>
public sealed record AcceptedQuery(IReadOnlyList<QueryParameter> Parameters);

public static class QueryParameters
{
    private static IReadOnlyList<string> Kebab<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => FigureIds.Kebab(v)).ToList();

    public static readonly QueryParameter MinPosition = new("minPosition", "integer",
        "wait (up to 5 s) until the read models have applied this global position, e.g. the X-Ledger-Position of your last write", Minimum: 0);

    public static readonly QueryParameter[] Place =
    [
        new("country", "string", "a country the ledger knows: ISO 3166 alpha-2 code (SY, IQ) or name"),
        new("admin1", "string", "a governorate: p-code, OCHA name, Arabic name, ISO 3166-2 code or alias; none: incidents placed in no governorate"),
        new("region", "string", "a region (e.g. an area such as the Badiya): its governorates"),
        new("from", "string", "first day of the range, yyyy-mm-dd: an incident counts when all the days it may have happened on lie in the range", Format: "date"),
        new("to", "string", "last day of the range, yyyy-mm-dd", Format: "date"),
    ];

    public static readonly QueryParameter[] Tally =
    [
        .. Place,
        new("category", "string", "one category; without it rows are split by category", Kebab<FigureCategory>()),
        new("partyClass", "string", "one party class", Kebab<PartyClass>()),
        new("claims", "string", "exclude: leave out what rests on a perpetrator's claims alone", ["include", "exclude"]),
        new("perpetrator", "string", "the incidents of one actor (by id, name or alias in any language), and of every actor merged into it by the point read"),
        new("asOf", "string", "the tally as the ledger stood at this recording time", Format: "date-time"),
        new("asOfPosition", "integer", "the tally as the ledger stood at this global position", Minimum: 0),
        new("release", "string", "the tally as of a named release (GET /api/releases)"),
    ];

    public static readonly QueryParameter GroupBy = new("groupBy", "string",
        "comma-separated keys: country, admin1, month, year, partyClass, category, perpetrator (category is added unless one category is asked for; country with admin1; perpetrator as the registry names it at the point read)");

    public static readonly QueryParameter Bom = new("bom", "boolean", "start the CSV with a UTF-8 byte order mark (default true, for spreadsheets)");

    public static readonly QueryParameter[] IncidentFilters =
    [
        .. Place,
        new("dates", "string", "within (default): incidents whose dates lie wholly in from..to, as tallies count them; overlapping: any of whose days does", ["within", "overlapping"]),
        new("type", "string", "incident type or an alias of one, any case, e.g. air-strike, airstrike, ied (one of " + string.Join(", ", Incidents.IncidentTypes.Types.Ids) + ")"),
        new("perpetrator", "string", "an actor by id, name or alias in English or Arabic, any case, e.g. isis, Daesh, ISIL, داعش"),
        new("source", "string", "a source with a current figure on the incident, any case, e.g. sohr"),
        new("partyClass", "string", "a party class with a current figure", Kebab<PartyClass>()),
        new("category", "string", "a category with a current figure", Kebab<FigureCategory>()),
        new("disputed", "boolean", "only incidents with (true) or without (false) an open dispute"),
        new("contested", "boolean", "only incidents with (true) or without (false) numbers resting on claims alone"),
        new("q", "string", "words in the title or description, any case"),
        new("includeRetracted", "boolean", "list retracted incidents too (default false)"),
        new("updatedAfter", "integer", "incremental sync: only incidents whose stream changed after this global position (retracted ones included); with an as-of point, those that changed between the two", Minimum: 0),
        new("asOf", "string", "the incidents as they stood at this recording time", Format: "date-time"),
        new("asOfPosition", "integer", "the incidents as they stood at this global position (a position not yet reached is a 400)", Minimum: 0),
        new("release", "string", "the incidents as of a named release (GET /api/releases)"),
    ];

    public static readonly QueryParameter AsOfPosition = new("asOfPosition", "integer",
        "the incident as the ledger stood at this global position (a position not yet reached is a 400)", Minimum: 0);

    public static readonly QueryParameter Release = new("release", "string", "as of a named release (GET /api/releases), instead of asOfPosition");

    public static readonly QueryParameter[] Paging =
    [
        new("limit", "integer", "page size (default 50)", Minimum: 1, Maximum: 500),
        new("cursor", "string", "nextCursor of the previous page"),
    ];

    public static readonly QueryParameter[] HistoryPage =
    [
        new("after", "integer", "the version after which the page starts: nextAfter of the previous page (default 0)", Minimum: 0),
        new("limit", "integer", "events per page (default and most 1000)", Minimum: 1, Maximum: 1000),
    ];

    public static readonly QueryParameter[] TallyHistoryPage =
    [
        new("after", "integer", "the position after which the page starts: nextAfter of the previous page (default 0)", Minimum: 0),
        new("limit", "integer", "changes per page (default and most 5000)", Minimum: 1, Maximum: 5000),
    ];

    public static readonly QueryParameter[] Feed =
    [
        new("after", "integer", "the last position you have seen (default 0)", Minimum: 0),
        new("limit", "integer", "events per page (default 100)", Minimum: 1, Maximum: 1000),
    ];

    /// <summary>Declares the endpoint's query parameters; GET endpoints also take minPosition.</summary>
    public static TBuilder Query<TBuilder>(this TBuilder builder, params QueryParameter[] parameters) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptedQuery(parameters));

    /// <summary>A 400 naming the first query parameter the endpoint does not take, or given twice; null when all are known.
    /// Only /api endpoints are checked: the OpenAPI document, reference page and metrics take their own.</summary>
    public static Reply? Check(HttpContext ctx)
    {
        if (ctx.GetEndpoint() is not { } endpoint || !ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Query.Count == 0) return null;
        var accepted = endpoint.Metadata.GetMetadata<AcceptedQuery>()?.Parameters ?? [];
        var names = accepted.Select(p => p.Name).ToList();
        if (HttpMethods.IsGet(ctx.Request.Method)) names.Add(MinPosition.Name);
        foreach (var (name, values) in ctx.Request.Query)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
                return Problems.Of(400, "Unknown query parameter",
                    $"unknown query parameter \"{name}\"; " + (names.Count == 0 ? "this endpoint takes none" : $"this endpoint takes {string.Join(", ", names)}"),
                    name, "unknown-parameter");
            if (values.Count > 1) return Problems.Of(400, "Bad request", $"{name} is given {values.Count} times; give it once", name, "repeated-parameter");
        }
        return null;
    }
}
