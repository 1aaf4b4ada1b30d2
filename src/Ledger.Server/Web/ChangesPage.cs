using System.Text;
using Ledger.Changes;
using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Server.Endpoints;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>What changed between two points of the log, as a release's changelog reads: incidents, figures with
/// what they were and became, and the tally rows whose numbers moved.</summary>
public static class ChangesPage
{
    private static readonly string[] Accepted = ["from", "to", "fromRelease", "toRelease", "limit"];

    public static async Task<IResult> RenderAsync(HttpContext ctx, ChangeQueries changes, MartenEventStore store, Lookups lookups)
    {
        var values = ctx.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        var body = new StringBuilder("<h1>What changed</h1><p class=\"lede\">Every incident and figure recorded between two points of the log, with what each figure was and became, and the tallies by governorate whose numbers moved. Computed from the log.</p>")
            .Append("<form class=\"filters\" method=\"get\" action=\"/changes\">")
            .Append(Input("from", "After position", "number", values.GetValueOrDefault("from"), "0"))
            .Append(Input("to", "Up to position", "number", values.GetValueOrDefault("to"), "the head"))
            .Append(Input("fromRelease", "or after release", "text", values.GetValueOrDefault("fromRelease")))
            .Append(Input("toRelease", "up to release", "text", values.GetValueOrDefault("toRelease")))
            .Append("<button type=\"submit\">Show</button></form>");
        if (values.Keys.FirstOrDefault(k => !Accepted.Contains(k)) is { } unknown)
            return Page("What changed", "Changes", body.Append($"<p class=\"error\" role=\"alert\">{E(unknown)}: this page does not take {E(unknown)}; it takes {E(string.Join(", ", Accepted))}</p>").ToString(), 400);
        ChangeSet set;
        try
        {
            var (range, problem) = await ChangeEndpoints.RangeAsync(new QueryParams(name => values.GetValueOrDefault(name)), store, lookups, ctx.RequestAborted);
            if (problem?.Body is ProblemBody p)
                return Page("What changed", "Changes", body.Append($"<p class=\"error\" role=\"alert\">{E(p.Field)}: {E(p.Detail)}</p>").ToString(), 400);
            set = await changes.BetweenAsync(range!.Value.From, range.Value.To, range.Value.Limit, ctx.RequestAborted);
        }
        catch (PositionBeyondHeadException beyond)
        {
            return Page("What changed", "Changes", body.Append($"<p class=\"error\" role=\"alert\">{E(beyond.Field)}: {E(beyond.Message)}</p>").ToString(), 400);
        }

        body.Append($"<p class=\"as-of\" role=\"status\">Changes after {Point(set.From)}; up to {Point(set.To)}. "
            + $"<a href=\"/api/exports/changes.csv{Query(values.Select(v => (v.Key, v.Value)))}\">Download as CSV</a> · <a href=\"/api/changes{Query(values.Select(v => (v.Key, v.Value)))}\">JSON</a></p>");
        if (set.NextFrom is { } next) body.Append($"<p class=\"muted\">More changes follow: <a href=\"/changes{Query([("from", next.ToString()), ("to", set.To.Position.ToString())])}\">the next page</a>.</p>");

        body.Append("<h2>Incidents</h2>");
        if (set.Incidents.Count == 0) body.Append("<p class=\"empty\">No incident was reported, corrected or retracted.</p>");
        else
        {
            body.Append("<div class=\"scroll\"><table class=\"changes incidents\"><thead><tr><th>Position</th><th>Recorded</th><th>Incident</th><th>Change</th><th>Why</th></tr></thead><tbody>");
            foreach (var i in set.Incidents)
                body.Append($"<tr><td class=\"num\">{i.Position}</td><td class=\"date\">{Time(i.RecordedAt)}</td><td><a href=\"/incidents/{E(i.IncidentId)}\">{E(i.IncidentId)}</a></td><td>{E(i.Change)}</td><td>{Auto(i.Reason)}</td></tr>");
            body.Append("</tbody></table></div>");
        }

        body.Append("<h2>Figures</h2>");
        if (set.Figures.Count == 0) body.Append("<p class=\"empty\">No figure changed.</p>");
        else
        {
            body.Append("<div class=\"scroll\"><table class=\"changes figures\"><thead><tr><th>Position</th><th>Incident</th><th>Figure</th><th>Change</th><th>Before</th><th>After</th><th>Why</th></tr></thead><tbody>");
            foreach (var f in set.Figures)
                body.Append($"<tr><td class=\"num\">{f.Position}</td><td><a href=\"/incidents/{E(f.IncidentId)}\">{E(f.IncidentId)}</a></td><td>{E(f.FigureId)}</td><td>{E(f.Change)}</td>")
                    .Append($"<td>{E(f.ValueBefore?.ToString())}{Status(f.StatusBefore)}</td><td>{E(f.ValueAfter?.ToString())}{Status(f.StatusAfter)}</td><td>{Auto(f.Reason)}</td></tr>");
            body.Append("</tbody></table></div>");
        }

        body.Append("<h2>Tallies that moved</h2>");
        if (set.Tallies.Count == 0) body.Append("<p class=\"empty\">No tally moved.</p>");
        else
        {
            body.Append("<div class=\"scroll\"><table class=\"changes tallies\"><thead><tr><th>Country</th><th>Governorate</th><th>Category</th><th>Before (low–best–high)</th><th>After (low–best–high)</th><th>Incidents</th></tr></thead><tbody>");
            foreach (var t in set.Tallies)
                body.Append($"<tr><td>{E(t.Country)}</td><td>{E(lookups.NameOf(t.Admin1) ?? (string.IsNullOrEmpty(t.Admin1) ? "no governorate" : t.Admin1))}</td><td>{E(FigureIds.Kebab(t.Category))}</td>")
                    .Append($"<td class=\"num\">{Numbers(t.LowBefore, t.BestBefore, t.HighBefore)}</td><td class=\"num\">{Numbers(t.LowAfter, t.BestAfter, t.HighAfter)}</td><td class=\"num\">{t.IncidentsBefore} → {t.IncidentsAfter}</td></tr>");
            body.Append("</tbody></table></div>");
        }
        return Page("What changed", "Changes", body.ToString());
    }

    private static string Point(LogPoint p) =>
        $"<strong>position {p.Position:N0}</strong>{(p.Release is { } r ? $" (release {E(r)})" : "")}{(p.RecordedAt is { } at ? $", recorded {Time(at)}" : ", before the first event")}";

    private static string Status(Reconciliation.FigureStatus? s) => s is { } v && v != Reconciliation.FigureStatus.Active ? $" <span class=\"tag\">{E(FigureIds.Kebab(v))}</span>" : "";

    private static string Numbers(long? low, long? best, long? high) => best is null && low is null ? "–" : $"{N(low)}–{N(best)}–{N(high)}";
}
