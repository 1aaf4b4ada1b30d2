using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Drafting;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Server.Commands;
using Ledger.Server.Drafting;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web.Desk;

/// <summary>
/// /desk, the coder's desk: paste an article; each drafted sentence is marked in it, and beside it each draft is a form
/// of the API's body (title, date, place, type, perpetrator, and each figure) with the incidents the ledger already
/// holds at that place and time, so a coder adds the figures to one of them instead of making a duplicate. Record
/// sends reportIncident or reportFigures through the command map, as the API does; the answer shows the position and
/// links to the incident as of it. A refused record shows the problem beside the field it names, nothing stored.
/// </summary>
public static class DeskPage
{
    private static readonly string[] Kinds = ["exact", "atLeast", "atMost", "approximate", "range", "unquantified"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/desk", (HttpContext ctx, PageSessions sessions) => sessions.Current(ctx) is { } user
                ? Page("Desk", "Desk", Article(user, null, null, DateOnly.FromDateTime(DateTime.UtcNow), null))
                : Page("Desk", "Desk", "<h1>The coder's desk</h1><p id=\"sign-in-to-record\"><a href=\"/sign-in?returnTo=/desk\">Sign in</a> with a reporter's key to draft and record figures.</p>"))
            .ExcludeFromDescription();
        app.MapPageWrite("/desk/draft", Role.Reporter, (HttpContext ctx, Lookups lookups, IncidentQueries incidents) => DraftAsync(ctx, lookups, incidents));
        app.MapPageWrite("/desk/record", Role.Reporter, (HttpContext ctx, CommandService commands, IncidentQueries incidents) => RecordAsync(ctx, commands, incidents));
    }

    private static async Task<IResult> DraftAsync(HttpContext ctx, Lookups lookups, IncidentQueries incidents)
    {
        var write = ctx.Written();
        var text = write.Form["text"].ToString();
        var source = write.Form["source"].ToString() is { Length: > 0 } s ? s.Trim().ToLowerInvariant() : null;
        if (!DateOnly.TryParseExact(write.Form["publishedAt"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
            return Page("Desk", "Desk", Article(write.User, text, source, DateOnly.FromDateTime(DateTime.UtcNow), "publishedAt: give the date the article was published, as yyyy-mm-dd"), 400);
        var body = new DraftEndpoints.DraftBody(text, new DateTimeOffset(published.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, source);
        if (DraftEndpoints.Check(body, DateTimeOffset.UtcNow)?.Body is ProblemBody problem)
            return Page("Desk", "Desk", Article(write.User, text, source, published, $"{problem.Field}: {problem.Detail}"), 400);
        var request = new DraftRequest(text, body.PublishedAt, Source: source);
        var result = Drafter.Draft(request, await lookups.Names.DraftVocabularyAsync(ctx.RequestAborted));
        var page = new StringBuilder(Article(write.User, text, source, published, null)).Append(Marked(text, result));
        var n = 0;
        foreach (var line in DraftLines.Of(result, request).Select(l => JsonNode.Parse(l)!.AsObject()))
        {
            if (line["command"]!.GetValue<string>() != "reportIncident")
            {
                // A running total over a period: a regional figure, not an incident on one day.
                page.Append($"<section class=\"draft\"><h2>A total over a period</h2><p class=\"note\">The article gives a running total for a region and a period; record it as a regional figure (POST /api/regions/{{id}}/figures, or this import line):</p><pre>{E(line.ToJsonString())}</pre></section>");
                continue;
            }
            n++;
            foreach (var key in new[] { "command", "id" }) line.Remove(key);
            page.Append(await DraftFormAsync(write.User, n, FormJson.Fields(line), null, incidents, ctx.RequestAborted));
        }
        if (n == 0 && result.Drafts.Count == 0) page.Append("<p class=\"empty\" id=\"no-drafts\">No casualty figure found in this text.</p>");
        return Page("Desk", "Desk", page.ToString());
    }

    private static async Task<IResult> RecordAsync(HttpContext ctx, CommandService commands, IncidentQueries incidents)
    {
        var write = ctx.Written();
        var fields = write.Form.Where(f => f.Key is not ("csrf" or "commandId" or "into" or "draft")).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var into = write.Form["into"].ToString() is { Length: > 0 } existing ? existing : null;
        var n = int.TryParse(write.Form["draft"], out var d) ? d : 1;
        JsonObject body;
        try { body = FormJson.ToJson(fields); }
        catch (FormatException e) { return Page("Desk", "Desk", $"<p class=\"error\" role=\"alert\">{E(e.Message)}</p>", 400); }
        CommandRoute route;
        string incidentId;
        if (into is not null)
        {
            // Added to an incident the ledger holds: only the figures go, as reportFigures.
            route = LedgerCommands.ByName["reportFigures"];
            incidentId = into;
            body = new JsonObject { ["figures"] = body["figures"]?.DeepClone() ?? new JsonArray() };
        }
        else
        {
            route = LedgerCommands.ByName["reportIncident"];
            incidentId = body["incidentId"]?.GetValue<string>() ?? "";
            body.Remove("incidentId");
            body["id"] = incidentId;
        }
        var (answered, problem) = await commands.HandleAsync(route, Encoding.UTF8.GetBytes(body.ToJsonString()),
            new CommandIds(new Dictionary<string, string?> { ["incidentId"] = incidentId }), write.Metadata);
        if (problem?.Body is ProblemBody p)
        {
            var field = p.Field == "id" ? "incidentId" : p.Field;
            return Page("Desk", "Desk", "<h1>The coder's desk</h1>" + await DraftFormAsync(write.User, n, fields, (field, p.Detail, into), incidents, ctx.RequestAborted), p.Status);
        }
        var at = answered!.Outcome.LastPosition ?? 0;
        var id = answered.Target.Id;
        return Page("Desk", "Desk", $"<h1>Recorded</h1><p role=\"status\" id=\"recorded\">Stored at position <strong>{at:N0}</strong>: "
            + $"<a id=\"recorded-link\" href=\"/incidents/{E(Uri.EscapeDataString(id))}?minPosition={at}\">{E(id)}</a> "
            + $"(<a href=\"/incidents/{E(Uri.EscapeDataString(id))}?asOfPosition={at}\">as of this write</a>).</p><p><a href=\"/desk\">Draft another article</a></p>");
    }

    private static string Article(PageUser user, string? text, string? source, DateOnly published, string? error) =>
        "<h1>The coder's desk</h1><p class=\"lede\">Paste an article in English or Arabic. Each figure it gives is drafted beside it for you to check, correct and record.</p>"
        + (error is not null ? $"<p class=\"error\" role=\"alert\">{E(error)}</p>" : "")
        + "<form class=\"filters draft-form\" method=\"post\" action=\"/desk/draft\">" + PageWriteConventions.FormTokens(user)
        + $"<label class=\"wide\">Article <textarea name=\"text\" rows=\"8\" dir=\"auto\" required>{E(text)}</textarea></label>"
        + Input("publishedAt", "Published", "date", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        + Input("source", "Publisher (source id)", "text", source, "e.g. sohr")
        + $"<button type=\"submit\">Draft</button></form><form method=\"post\" action=\"/sign-out\" class=\"sign-out\">{PageWriteConventions.FormTokens(user)}<button type=\"submit\">Sign out {E(user.Key.Name)}</button></form>";

    /// <summary>The article with each drafted figure's sentence marked (the drafts page draws it so too).</summary>
    public static string Marked(string text, DraftResult result)
    {
        var sb = new StringBuilder("<section class=\"article\" dir=\"auto\" id=\"article\"><h2>The article</h2><p>");
        var at = 0;
        foreach (var span in result.Drafts.SelectMany(x => x.Figures).Select(f => f.Span).Distinct().OrderBy(x => x.Start))
        {
            if (span.Start < at) continue;
            sb.Append(E(text[at..span.Start])).Append($"<mark data-start=\"{span.Start}\" data-end=\"{span.End}\">{E(text[span.Start..span.End])}</mark>");
            at = span.End;
        }
        return sb.Append(E(text[at..])).Append("</p></section>").ToString();
    }

    /// <summary>One draft as a form of the API's body, with the incidents already held at its place and time.</summary>
    private static async Task<string> DraftFormAsync(PageUser user, int n, IReadOnlyDictionary<string, string> v, (string? Field, string Detail, string? Into)? problem,
        IncidentQueries incidents, CancellationToken ct)
    {
        string Value(string path) => v.TryGetValue(path, out var x) ? x : "";
        string Problem(string path) => problem is { Field: var f } pr && f == path ? $"<span class=\"error\" role=\"alert\" data-field=\"{E(path)}\">{E(pr.Detail)}</span>" : "";
        string Field(string path, string label, string? placeholder = null, string type = "text") =>
            $"<label>{E(label)} <input type=\"{type}\" name=\"{E(path)}\" value=\"{E(Value(path))}\" dir=\"auto\"{(placeholder is null ? "" : $" placeholder=\"{E(placeholder)}\"")}{(problem?.Field == path ? " aria-invalid=\"true\"" : "")}>{Problem(path)}</label>";
        string Pick(string path, string label, IEnumerable<string> options) =>
            $"<label>{E(label)} <select name=\"{E(path)}\">" + string.Concat(options.Select(o => $"<option{(o == Value(path) ? " selected" : "")}>{E(o)}</option>")) + $"</select>{Problem(path)}</label>";

        var sb = new StringBuilder($"<section class=\"draft\" id=\"draft-{n}\"><h2>Draft {n}</h2><form class=\"filters desk-record\" method=\"post\" action=\"/desk/record\">")
            .Append(PageWriteConventions.FormTokens(user)).Append($"<input type=\"hidden\" name=\"draft\" value=\"{n}\">");
        if (problem is { Field: var field } && (field is null || !v.ContainsKey(field)))
            sb.Append($"<p class=\"error\" role=\"alert\">{E(field)}{(field is null ? "" : ": ")}{E(problem.Value.Detail)}</p>");
        sb.Append(Field("incidentId", "New incident's id", "e.g. 2024-03-02-idlib-market")).Append(Problem("id"))
            .Append(Field("title", "Title", "what happened, where"))
            .Append(Field("occurred.date", "Date", type: "date")).Append(Pick("occurred.precision", "Precision", ["day", "week", "month", "year"]))
            .Append(Field("location.country", "Country")).Append(Field("location.admin1", "Governorate")).Append(Field("location.place", "Place"))
            .Append($"<input type=\"hidden\" name=\"location.precision\" value=\"{E(Value("location.precision"))}\">")
            .Append(Field("type", "Type")).Append(Field("perpetrator", "Perpetrator"));
        for (var i = 0; v.Keys.Any(k => k.StartsWith($"figures[{i}].", StringComparison.Ordinal)); i++)
        {
            var f = $"figures[{i}]";
            sb.Append($"<fieldset class=\"figure\"><legend>Figure {i + 1}</legend>")
                .Append(Field($"{f}.source", "Source")).Append(Pick($"{f}.category", "Category", Enum.GetValues<FigureCategory>().Select(c => Incidents.FigureIds.Kebab(c))))
                .Append(Pick($"{f}.value.kind", "Kind", Kinds)).Append(Field($"{f}.value.value", "Value")).Append(Field($"{f}.value.low", "Low")).Append(Field($"{f}.value.high", "High"))
                .Append(Field($"{f}.party", "Party")).Append(Pick($"{f}.partyClass", "Party class", Enum.GetValues<PartyClass>().Select(c => Incidents.FigureIds.Kebab(c))))
                .Append(Pick($"{f}.certainty", "Certainty", Enum.GetValues<Certainty>().Select(c => Incidents.FigureIds.Kebab(c))))
                .Append(Field($"{f}.quote", "Quote"));
            foreach (var hidden in new[] { "publishedAt", "url" })
                if (Value($"{f}.{hidden}") is { Length: > 0 } h) sb.Append($"<input type=\"hidden\" name=\"{f}.{hidden}\" value=\"{E(h)}\">");
            sb.Append(Problem($"{f}.value")).Append("</fieldset>");
        }
        sb.Append(await NearbyAsync(v, problem?.Into, incidents, ct)).Append("<button type=\"submit\">Record</button></form></section>");
        return sb.ToString();
    }

    /// <summary>The incidents held in the draft's country and governorate within three days of its date: a coder picks
    /// one to add the figures to it rather than report the same attack twice.</summary>
    private static async Task<string> NearbyAsync(IReadOnlyDictionary<string, string> v, string? chosen, IncidentQueries incidents, CancellationToken ct)
    {
        if (!v.TryGetValue("location.country", out var country) || country.Length != 2
            || !DateOnly.TryParseExact(v.GetValueOrDefault("occurred.date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return "";
        var filter = new IncidentListFilter
        {
            Country = country.ToUpperInvariant(), From = date.AddDays(-3), To = date.AddDays(3), Overlapping = true,
            Admin1 = v.GetValueOrDefault("location.admin1") is { Length: > 0 } a ? [a.ToLowerInvariant()] : null,
        };
        var page = await incidents.ListAsync(filter, null, 10, ct);
        var sb = new StringBuilder("<fieldset class=\"nearby\"><legend>Already in the ledger at that place and time</legend>")
            .Append($"<label><input type=\"radio\" name=\"into\" value=\"\"{(chosen is null ? " checked" : "")}> a new incident</label>");
        foreach (var i in page.Incidents.Where(i => !i.State.Retracted))
            sb.Append($"<label><input type=\"radio\" name=\"into\" value=\"{E(i.State.Id)}\"{(chosen == i.State.Id ? " checked" : "")}> add the figures to ")
                .Append($"<a href=\"/incidents/{E(Uri.EscapeDataString(i.State.Id!))}\">{Auto(i.State.Title)}</a> ({E(i.State.Occurred!.Text)}, {i.State.Figures.Count} figures)</label>");
        if (page.Incidents.Count == 0) sb.Append("<p class=\"muted\">None within three days in that place.</p>");
        return sb.Append("</fieldset>").ToString();
    }
}
