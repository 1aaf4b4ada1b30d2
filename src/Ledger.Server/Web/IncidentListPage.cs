using System.Text;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>Incidents, newest first, with the overview's filters and the list's own (words, perpetrator,
/// source), 50 to a page, each linking to its page.</summary>
public static class IncidentListPage
{
    public static async Task<IResult> RenderAsync(HttpContext ctx, IncidentQueries queries, Lookups lookups)
    {
        var view = await PageFilter.ReadAsync(ctx, lookups, PageFilter.IncidentListParameters);
        var body = new StringBuilder("<h1>Incidents</h1>");
        body.Append(PageFilter.Form("/incidents", view, categoryRequired: false, asOf: true, incidentFields: true, claims: false));
        if (view.Error is not null) return Page("Incidents", "Incidents", body.Append(view.Error).ToString(), 400);
        // Read as the API reads them: a perpetrator, type or source is resolved from any alias, and an unknown one is said.
        var q = new QueryParams(name => view.Raw(name));
        // The point as the page reads it (a date is the end of that day).
        var filter = await q.IncidentFilterAsync(lookups) with { AsOf = view.Filter.AsOf, AsOfPosition = view.Filter.AsOfPosition };
        if (q.Problem?.Body is ProblemBody p)
            return Page("Incidents", "Incidents", body.Append($"<p class=\"error\" role=\"alert\">{E(p.Field)}: {E(p.Detail)}</p>").ToString(), 400);
        IncidentPage page;
        try { page = await queries.ListAsync(filter, NullIfEmpty(view.Raw("cursor")), 50, ctx.RequestAborted); }
        catch (FormatException) { return Page("Incidents", "Incidents", body.Append("<p class=\"error\" role=\"alert\">That page link is not valid: start again.</p>").ToString(), 400); }
        catch (PositionBeyondHeadException beyond) { return Page("Incidents", "Incidents", body.Append(PageFilter.BeyondHead(view, beyond)).ToString(), 400); }
        body.Append(PageFilter.AsOfBanner(page.AsOf?.Position, view.AsOfDate, view.Raw("release")));
        // Each incident opens as it stood at the same point.
        var at = page.AsOf is { } point ? $"?asOfPosition={point.Position}" : "";

        if (page.Incidents.Count == 0) body.Append("<p class=\"empty\">No incident matches these filters.</p>");
        else
        {
            body.Append("""
                <table class="incidents" id="incidents"><thead><tr><th>Date</th><th>Incident</th><th>Country</th><th>Governorate</th><th>Type</th><th>Perpetrator</th>
                <th>Killed (best)</th><th>Flags</th></tr></thead><tbody>
                """);
            foreach (var i in page.Incidents)
            {
                var s = i.State;
                var rows = i.Reconciled;
                var killed = rows.Where(r => r.Category == FigureCategory.Killed && r.Best is not null).Select(r => r.Best!.Value).ToList();
                var flags = new List<string>();
                if (rows.Any(r => r.Contested)) flags.Add("<span class=\"tag contested\" title=\"numbers rest on a perpetrator's claims alone\">claim only</span>");
                if (rows.Any(r => r.Disputed)) flags.Add("<span class=\"tag disputed\">disputed</span>");
                if (rows.Any(r => r.Unquantified > 0)) flags.Add("<span class=\"tag\">unquantified</span>");
                body.Append($"<tr><td class=\"date\">{E(s.Occurred!.Text)}</td><td><a href=\"/incidents/{E(s.Id)}{at}\">{Auto(s.Title)}</a></td>")
                    .Append($"<td class=\"code\">{E(s.Location!.Country)}</td><td>{E(lookups.NameOf(s.Location.Admin1) ?? "—")}</td><td>{E(s.Type)}</td><td>{E(s.Perpetrator)}</td>")
                    .Append($"<td class=\"num\">{(killed.Count == 0 ? "–" : N(killed.Sum()))}</td><td>{string.Join(" ", flags)}</td></tr>");
            }
            body.Append("</tbody></table>");
        }
        // The CSV is the list on the page: every filter and the point go with it.
        var exported = view.Values.Where(v => v.Key is not ("cursor" or "asOfDate" or "asOfPosition" or "release")).Select(v => (v.Key, v.Value))
            .Concat(PageFilter.PointOf(view, page.AsOf?.Position));
        body.Append($"<p class=\"note\"><a href=\"/api/exports/incidents.csv{E(Query(exported))}\">Download as CSV</a> · <a href=\"/api/exports/figures.csv{E(Query(exported))}\">every figure as CSV</a></p>");
        if (page.NextCursor is { } next)
        {
            var values = view.Values.Where(v => v.Key != "cursor").Select(v => (v.Key, v.Value)).Append(("cursor", (string?)next));
            body.Append($"<p class=\"pager\"><a rel=\"next\" href=\"/incidents{E(Query(values))}\">Older incidents →</a></p>");
        }
        return Page("Incidents", "Incidents", body.ToString());
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
