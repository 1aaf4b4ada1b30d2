using System.Text;
using System.Text.Json.Nodes;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Server.Commands;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web.Desk;

/// <summary>A refused action, to show beside the form that sent it.</summary>
public sealed record ActionProblem(string Command, string? Field, string Detail);

/// <summary>
/// What a signed-in person may do on an incident's page, as forms: a reporter disputes a figure; an editor also
/// resolves a dispute, corrects the date or type, and retracts. Each form posts the command of the command map (so
/// the same checks as the API), asks for a reason, and on success returns to the page waiting for its write
/// (read-your-writes), so it shows in the timeline at once. A refused one shows the problem beside its field.
/// </summary>
public static class IncidentActions
{
    private static readonly string[] Commands = ["disputeFigure", "resolveDispute", "correctIncident", "retractIncident"];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var name in Commands)
        {
            var route = LedgerCommands.ByName[name];
            app.MapPageWrite($"/incidents/{{id}}/act/{name}", route.Role, (string id, HttpContext ctx, CommandService commands) => ActAsync(id, route, ctx, commands));
        }
    }

    private static async Task<IResult> ActAsync(string id, CommandRoute route, HttpContext ctx, CommandService commands)
    {
        var write = ctx.Written();
        var form = write.Form;
        string? Field(string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var body = new JsonObject();
        var ids = new Dictionary<string, string?> { ["incidentId"] = id, ["figureId"] = Field("figureId"), ["disputeId"] = Field("disputeId") };
        switch (route.Name)
        {
            case "disputeFigure":
                body["disputedBy"] = Field("disputedBy");
                body["reason"] = Field("reason");
                if (Field("counterValue") is { } counter)
                    body["counterValue"] = long.TryParse(counter, out var n) ? new JsonObject { ["kind"] = "exact", ["value"] = n } : counter;
                break;
            case "resolveDispute":
                body["outcome"] = Field("outcome");
                body["note"] = Field("reason");
                break;
            case "correctIncident":
                body["reason"] = Field("reason");
                if (Field("date") is { } date) body["occurred"] = new JsonObject { ["date"] = date, ["precision"] = Field("precision") ?? "day" };
                if (Field("type") is { } type) body["type"] = type;
                break;
            default:
                body["reason"] = Field("reason");
                break;
        }
        var (answered, problem) = await commands.HandleAsync(route, System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), new CommandIds(ids), write.Metadata);
        if (problem?.Body is ProblemBody p)
        {
            var lookups = ctx.RequestServices.GetRequiredService<Lookups>();
            return await IncidentDetailPage.RenderAsync(id, ctx, ctx.RequestServices.GetRequiredService<Projections.IncidentQueries>(), lookups,
                ctx.RequestServices.GetRequiredService<EventStore.MartenEventStore>(), new ActionProblem(route.Name, p.Field, p.Detail), p.Status);
        }
        var position = answered!.Outcome.LastPosition;
        return Results.Redirect($"/incidents/{Uri.EscapeDataString(id)}{(position is { } at ? $"?minPosition={at}" : "")}#timeline", permanent: false, preserveMethod: false);
    }

    /// <summary>The forms for this person on this incident; none for a reader, none on a retracted incident.</summary>
    public static string Forms(string id, IncidentState s, PageUser? user, ActionProblem? problem)
    {
        if (user is null) return $"<p class=\"muted\" id=\"sign-in-to-act\"><a href=\"/sign-in?returnTo=/incidents/{E(Uri.EscapeDataString(id))}\">Sign in</a> to dispute, resolve, correct or retract.</p>";
        if (user.Key.Role < Role.Reporter || s.Retracted) return "";
        var sb = new StringBuilder("<section class=\"actions\" id=\"actions\"><h2>Act on this incident</h2>");
        var live = s.Figures.Values.Where(f => f.Status == FigureStatus.Active).ToList();
        if (live.Count > 0)
            sb.Append(Form(id, "disputeFigure", "Dispute a figure", user, problem,
                Choice("figureId", "Figure", live.Select(f => (f.FigureId, $"{f.FigureId}: {f.Value}")))
                + Text("disputedBy", "Disputed by (a source or an actor)", "e.g. sana") + Text("counterValue", "Their figure (optional)", "e.g. 3")
                + Text("reason", "Why", "what they say", required: true)));
        if (user.Key.Role >= Role.Editor)
        {
            var open = s.Disputes.Values.Where(d => d.Outcome is null).ToList();
            if (open.Count > 0)
                sb.Append(Form(id, "resolveDispute", "Resolve a dispute", user, problem,
                    Choice("disputeId", "Dispute", open.Select(d => (d.DisputeId, $"{d.DisputeId}: {d.DisputedBy} on {d.FigureId}")))
                    + Choice("outcome", "Outcome", [("upheld", "upheld: the figure is excluded"), ("dismissed", "dismissed: the figure stands")])
                    + Text("reason", "Note", "why", required: true)));
            sb.Append(Form(id, "correctIncident", "Correct the date or type", user, problem,
                $"<label>Date <input type=\"date\" name=\"date\" value=\"{Html.Date(s.Occurred!.Date)}\"></label>"
                + Choice("precision", "Precision", new[] { "day", "week", "month", "year" }.Select(x => (x, x)), FigureIds.Kebab(s.Occurred.Precision))
                + Choice("type", "Type", IncidentTypes.Types.Ids.Select(t => (t, t)), s.Type)
                + Text("reason", "Why", "what was wrong", required: true)));
            sb.Append(Form(id, "retractIncident", "Retract the incident", user, problem, Text("reason", "Why", "e.g. a duplicate of another report", required: true)));
        }
        return sb.Append("</section>").ToString();
    }

    private static string Form(string id, string command, string title, PageUser user, ActionProblem? problem, string fields) =>
        $"<form class=\"filters action\" method=\"post\" action=\"/incidents/{E(Uri.EscapeDataString(id))}/act/{command}\" id=\"act-{command}\"><h3>{E(title)}</h3>"
        + PageWriteConventions.FormTokens(user) + fields
        + (problem?.Command == command ? $"<p class=\"error\" role=\"alert\" data-field=\"{E(problem.Field)}\">{E(problem.Field)}{(problem.Field is null ? "" : ": ")}{E(problem.Detail)}</p>" : "")
        + "<button type=\"submit\">" + E(title.Split(' ')[0]) + "</button></form>";

    private static string Text(string name, string label, string placeholder, bool required = false) =>
        $"<label>{E(label)} <input type=\"text\" name=\"{name}\" placeholder=\"{E(placeholder)}\" dir=\"auto\"{(required ? " required" : "")}></label>";

    private static string Choice(string name, string label, IEnumerable<(string Value, string Label)> options, string? chosen = null) =>
        $"<label>{E(label)} <select name=\"{name}\">" + string.Concat(options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == chosen ? " selected" : "")}>{E(o.Label)}</option>")) + "</select></label>";
}
