using System.Text.Json.Nodes;
using Ledger.Server.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Server.Hosting;

/// <summary>Makes /openapi/v1.json describe the server as it really answers (docs/CONTRACT.md §2): query parameters from
/// the same list the unknown-parameter check uses, the X-Api-Key scheme, request and response headers, our
/// problem shape with field and code, every problem status an operation can answer, text/csv for exports, and
/// properties that are left out when null not marked required. A test holds real responses against it.</summary>
public static class ApiDocument
{
    private const string ProblemSchema = "Problem";
    private const string ApiKeyScheme = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var accepted = metadata.OfType<AcceptedQuery>().LastOrDefault()?.Parameters ?? [];
            var path = "/" + (context.Description.RelativePath ?? "");
            var get = string.Equals(context.Description.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);
            if (!path.StartsWith("/api", StringComparison.Ordinal)) return Task.CompletedTask;
            operation.Parameters ??= [];
            // The command map's routes read their ids from the route values, not from handler parameters: say them here.
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
                if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        Description = name == "id" ? $"the {path.Split('/')[2].TrimEnd('s')}'s id" : $"the {name[..^2]}'s id",
                    });
            foreach (var p in get ? [.. accepted, QueryParameters.MinPosition] : accepted)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = p.Name, In = ParameterLocation.Query, Required = false, Description = p.Description, Schema = SchemaOf(p),
                });
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Incident ledger",
                Version = "v1",
                Description = "Attacks and the casualty figures sources give for them, kept as an immutable, hash-chained log: "
                    + "low/best/high tallies per governorate as of any moment, every revision auditable, and a change feed that never skips a late commit. "
                    + "Errors are RFC 9457 problems naming the field at fault.",
                Contact = new OpenApiContact { Name = "The ledger's maintainers: see the README's issues section" },
            };
            // The server is where the document was asked for, without the slash that would double every path's.
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Http.Pipeline.ApiKeyCheck.Header,
                Description = "An API key; its role (reader, reporter, editor, admin) decides what it may do. Reads are anonymous unless configured off.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            document.Components.Schemas.Remove("ProblemDetails");
            // Our enums are written as their kebab-case names: said so (type string), or generators take them for numbers
            // (an NSwag client sent "kind": 0; GeneratedClientTests).
            foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
                if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
                    schema.Type = JsonSchemaType.String;
            // Null members are left out of answers (WhenWritingNull): a nullable member is never required. Done on the
            // finished document, where nullable references have their null branch.
            foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
                if (schema.Properties is { Count: > 0 } properties && schema.Required is { Count: > 0 } required)
                    foreach (var (name, property) in properties)
                        if (Nullable(property)) required.Remove(name);
            foreach (var (path, item) in document.Paths)
                foreach (var (method, operation) in item.Operations ?? [])
                    Describe(document, path, method, operation);
            return Task.CompletedTask;
        });
    }

    private static void Describe(OpenApiDocument document, string path, HttpMethod method, OpenApiOperation operation)
    {
        var api = path.StartsWith("/api", StringComparison.Ordinal);
        var post = method == HttpMethod.Post;
        var onIncident = path.StartsWith("/api/incidents/{id}", StringComparison.Ordinal);
        var body = operation.RequestBody is not null;
        if (Endpoints.Summaries.Of.TryGetValue($"{method.Method} {path}", out var summary)) operation.Summary = summary;
        // Client generators name their methods after these: stable as long as the route is.
        operation.OperationId = OperationId(method, path);
        operation.Description = Description(summary, api, post, path, method);
        operation.Responses ??= new OpenApiResponses();
        operation.Parameters ??= [];

        if (api)
        {
            var key = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] };
            // Reads may be anonymous (an empty requirement); writes need a key.
            operation.Security = post || path.StartsWith("/api/admin", StringComparison.Ordinal) ? [key] : [new OpenApiSecurityRequirement(), key];
            operation.Parameters.Add(Header(Correlation.Header, "your own id for this request, echoed back and written to the log", required: false));
        }
        if (post && api)
        {
            operation.Parameters.Add(Header("Idempotency-Key",
                "a repeat with the same key and body returns the first answer, headers included, and appends nothing; the same key with another body is a 422"));
            if (onIncident)
                operation.Parameters.Add(Header("If-Match", "\"<version>\" from the incident's ETag: 412 when the incident has moved on; * asks only that it exists"));
        }
        var atRelease = method == HttpMethod.Get && operation.Parameters.Any(p => p.Name == "release" && p.In == ParameterLocation.Query);
        if (method == HttpMethod.Get && path == "/api/incidents/{id}")
            operation.Parameters.Add(Header("If-None-Match", "the ETag you hold: 304 with no body when the incident is unchanged"
                + (atRelease ? ", or, with release, when you hold this answer at that release" : "")));
        else if (atRelease)
            operation.Parameters.Add(Header("If-None-Match", "with release: the ETag of an answer you hold at that release, for a 304 with no body"));

        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (response is not OpenApiResponse r) continue;
            if (status.StartsWith('2') && api)
            {
                r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                r.Headers[Correlation.Header] = ResponseHeader("the request's correlation id");
                if (post)
                {
                    r.Headers["X-Ledger-Position"] = ResponseHeader("the global position of the write: pass it as minPosition to read it back", "integer");
                    r.Headers["Location"] = ResponseHeader("where the created resource is read");
                }
                if (onIncident || path == "/api/incidents" && post)
                    r.Headers["ETag"] = ResponseHeader("the incident's version in quotes, for If-Match and If-None-Match"
                        + (atRelease ? "; at a release, the answer's strong tag" : ""));
                else if (atRelease)
                    r.Headers["ETag"] = ResponseHeader("at a release only: the answer's strong tag, for If-None-Match");
                if (atRelease)
                    r.Headers["Cache-Control"] = ResponseHeader("at a release only: public (private where reads need a key), max-age=31536000, immutable");
            }
            if (r.Content is not null && r.Content.ContainsKey("text/csv"))
                r.Content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "a header row, an HXL hashtag row, then one row per line" } };
        }
        if (path.StartsWith("/api/exports", StringComparison.Ordinal) && operation.Responses.TryGetValue("200", out var csv) && csv is OpenApiResponse csvResponse)
        {
            csvResponse.Description = "CSV, UTF-8 with a byte order mark unless bom=false";
            csvResponse.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "a header row, an HXL hashtag row, then one row per line" } },
            };
        }

        var problems = new List<(string Status, string Why)>();
        if (api)
        {
            problems.Add(("400", body ? "malformed JSON, a member of the wrong type, an unknown member or query parameter" : "a bad or unknown query parameter"));
            problems.Add(("401", post ? "no API key, or an unknown one" : "an unknown API key, or no key where anonymous reads are off"));
            if (post && !body) problems.Add(("403", "the key's role is too low"));
            if (post && body) problems.AddRange([("403", "the key's role is too low"), ("413", "the body is over the size limit"),
                ("415", "the body is not application/json"), ("422", "the input is well formed but not valid: the field says which"),
                ("429", "the write rate limit was reached")]);
            if (post && path.Contains('{')) problems.Add(("404", "no such incident, figure, dispute, region or actor"));
            if (post && (onIncident || path.StartsWith("/api/sources", StringComparison.Ordinal) || path == "/api/regions" || path.StartsWith("/api/regions/{id}", StringComparison.Ordinal) || path == "/api/releases"
                || path.StartsWith("/api/actors", StringComparison.Ordinal)))
                problems.Add(("409", "it exists already, or it conflicts with what the stream holds (for an actor: a name another actor holds)"));
            if (post && onIncident) problems.Add(("412", "If-Match names a version the incident has moved on from"));
            if (!post && path.Contains('{')) problems.Add(("404", "no such incident, region or release"));
            if (!post) problems.Add(("503", "the read models have not reached minPosition within 5 s; retry"));
            if (path == "/api/verify") problems.Add(("429", "the rate limit was reached"));
        }
        if (path == "/health/ready") problems.Add(("503", "the database cannot be reached, or the node is still starting"));
        problems.Add(("500", "an unexpected fault; the correlation id finds it in the log"));
        foreach (var (status, why) in problems)
            operation.Responses[status] = new OpenApiResponse
            {
                Description = why,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) } },
            };
        // A problem an endpoint declares itself (ProducesProblem) has our shape too, not ASP.NET Core's ProblemDetails.
        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
            if (response.Content is { } content && content.ContainsKey("application/problem+json"))
                content["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) };
        if (atRelease && path != "/api/incidents/{id}")
            operation.Responses["304"] = new OpenApiResponse
            {
                Description = "Not modified: at a release, If-None-Match holds this answer's tag",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["ETag"] = ResponseHeader("the answer's strong tag"),
                    ["Cache-Control"] = ResponseHeader("public (private where reads need a key), max-age=31536000, immutable"),
                },
            };
        if (method == HttpMethod.Get && path == "/api/incidents/{id}")
            operation.Responses["304"] = new OpenApiResponse
            {
                Description = "Not modified: If-None-Match holds the current version (or, with release, this answer's tag)",
                Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["ETag"] = ResponseHeader("the incident's version in quotes (at a release, the answer's strong tag)"),
                    ["Cache-Control"] = ResponseHeader("at a release only: public (private where reads need a key), max-age=31536000, immutable"),
                },
            };
    }

    /// <summary>The method and the route's words: GET /api/incidents/{id}/history is getIncidentsByIdHistory.</summary>
    public static string OperationId(HttpMethod method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "api")
            .Select(s => s.StartsWith('{') ? "By" + Pascal(s.Trim('{', '}')) : Pascal(s));
        return method.Method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string word) => string.Concat(word.Split(['-', '.', '_'], StringSplitOptions.RemoveEmptyEntries)
        .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string Description(string? summary, bool api, bool post, string path, HttpMethod method)
    {
        var what = summary is null ? "" : summary + ". ";
        if (!api) return what + "Open to anyone, without a key.";
        if (post)
            return what + "Needs an API key (X-Api-Key) with the role this operation names, a reporter's unless it says otherwise; "
                + "an Idempotency-Key makes a retry safe. Bad input is a problem naming the field, and nothing is stored.";
        return what + (method == HttpMethod.Get && !path.StartsWith("/api/admin", StringComparison.Ordinal)
            ? "Anonymous unless reads are configured off. Pass minPosition (a write's X-Ledger-Position) to read your own writes; "
              + "an answer at a named release never changes, and says so to caches."
            : "Needs an admin's API key.");
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details",
        Required = new HashSet<string> { "type", "title", "status", "detail" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "what went wrong, with the allowed values where there is a list" },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "the input at fault: a JSON path (figures[0].value), a query parameter or a header" },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "a stable code to branch on: bad-request, invalid, not-found, unknown-parameter, ..." },
        },
    };

    private static OpenApiSchema SchemaOf(QueryParameter p)
    {
        var schema = new OpenApiSchema
        {
            Type = p.Type switch { "integer" => JsonSchemaType.Integer, "boolean" => JsonSchemaType.Boolean, _ => JsonSchemaType.String },
            Format = p.Format ?? (p.Type == "integer" ? "int64" : null),
        };
        if (p.Values is { } values) schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        if (p.Minimum is { } min) schema.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (p.Maximum is { } max) schema.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return schema;
    }

    private static OpenApiParameter Header(string name, string description, bool required = false) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = required, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader ResponseHeader(string description, string type = "string") => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String },
    };

    private static bool Nullable(IOpenApiSchema schema) =>
        schema.Type is { } t && t.HasFlag(JsonSchemaType.Null)
        || schema.OneOf is { } one && one.Any(s => s.Type == JsonSchemaType.Null)
        || schema.AnyOf is { } any && any.Any(s => s.Type == JsonSchemaType.Null);
}
