using System.Text;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>Tallies per governorate for one category, with bars that compare at a glance, the low–high range
/// as a whisker, the counts an analyst must see (unquantified, contested, disputed), and an as-of control
/// that shows the ledger exactly as it stood at a date or a feed position.</summary>
public static class OverviewPage
{
    public static async Task<IResult> RenderAsync(HttpContext ctx, TallyQueries tallies, Lookups lookups)
    {
        var view = await PageFilter.ReadAsync(ctx, lookups, PageFilter.OverviewParameters);
        var category = view.Filter.Category ?? FigureCategory.Killed;
        var filter = view.Filter with { Category = category };
        var body = new StringBuilder("<h1>Tallies per governorate</h1>");
        body.Append(PageFilter.Form("/", view, categoryRequired: true, asOf: true));
        if (view.Error is not null) return Page("Tallies", "Tallies", body.Append(view.Error).ToString(), 400);

        TallyResult result;
        try { result = await tallies.TalliesAsync(filter, [TallyDimension.Admin1], ctx.RequestAborted); }
        catch (PositionBeyondHeadException beyond)
        {
            return Page("Tallies", "Tallies", body.Append(PageFilter.BeyondHead(view, beyond)).ToString(), 400);
        }
        body.Append(PageFilter.AsOfBanner(result.AsOfPosition, view.AsOfDate, view.Raw("release")));
        var rows = result.Rows.OrderByDescending(r => r.Best ?? -1).ThenBy(r => r.Admin1Name, StringComparer.Ordinal).ToList();
        var max = Math.Max(1, rows.Select(r => r.High ?? r.Best ?? 0).DefaultIfEmpty(0).Max());
        body.Append($"<p class=\"lede\"><strong>{E(FigureIds.Kebab(category))}</strong>, {(filter.PartyClass is { } pc ? E(FigureIds.Kebab(pc)) : "all party classes")}: "
            + $"best {N(rows.Sum(r => r.Best ?? 0))} in {N(rows.Sum(r => r.Incidents))} incidents. Categories are never added together.</p>");
        if (rows.Count == 0)
        {
            body.Append("<p class=\"empty\">No incident matches these filters.</p>");
            return Page("Tallies", "Tallies", body.ToString());
        }
        body.Append("""
            <table class="tally" id="tally">
            <thead><tr><th>Governorate</th><th>Country</th><th>P-code</th><th class="bar-col">Best, with the low–high range</th><th>Low</th><th>Best</th><th>High</th>
            <th>Incidents</th><th title="figures with no number, e.g. &quot;numerous&quot;">Unquantified</th><th title="incidents whose numbers rest on a perpetrator's claims alone">Contested</th><th title="incidents with an open dispute">Disputed</th><th title="incidents whose dates overlap the range without lying inside it: not in the numbers">Straddling</th></tr></thead><tbody>
            """);
        foreach (var r in rows)
        {
            var name = r.Admin1 is null ? "<em>No governorate named</em>" : $"{E(r.Admin1Name ?? r.Admin1)} {Auto(lookups.ArabicNameOf(r.Admin1))}";
            // The row of incidents placed in no governorate is per country, and links to those incidents alone.
            var link = "/incidents" + Query([("country", r.Country), ("admin1", r.Admin1 ?? "none"), ("category", FigureIds.Kebab(category)),
                ("partyClass", filter.PartyClass is { } p ? FigureIds.Kebab(p) : null), ("from", view.Raw("from")), ("to", view.Raw("to"))]);
            body.Append($"<tr data-admin1=\"{E(r.Admin1)}\" data-country=\"{E(r.Country)}\"><th scope=\"row\"><a href=\"{E(link)}\">{name}</a></th>")
                .Append($"<td class=\"code\">{E(r.Country)}</td><td class=\"code\">{E(Html.PCode(r.Admin1))}</td>")
                .Append($"<td class=\"bar-col\">{RangeBar(r.Low, r.Best, r.High, max)}</td>")
                .Append($"<td class=\"num\">{N(r.Low)}</td><td class=\"num best\">{N(r.Best)}</td><td class=\"num\">{N(r.High)}</td>")
                .Append($"<td class=\"num\">{N(r.Incidents)}</td><td class=\"num\">{N(r.Unquantified)}</td>")
                .Append($"<td class=\"num{(r.Contested > 0 ? " flag" : "")}\">{N(r.Contested)}</td><td class=\"num{(r.Disputed > 0 ? " flag" : "")}\">{N(r.Disputed)}</td>")
                .Append($"<td class=\"num{(r.Straddling > 0 ? " flag" : "")}\">{N(r.Straddling)}</td></tr>");
        }
        body.Append("</tbody></table>");
        body.Append("<p class=\"note\">Low, best and high follow the contract (docs/CONTRACT.md §1 in the repository): per incident the best estimate of the highest-ranked eligible source; a perpetrator's claim counts only where nothing else exists, and then the incident is <em>contested</em>. "
            + "An incident counts only where all the days it may have happened on lie in the dates asked for; one that overlaps them without lying inside is <em>straddling</em>, and not in the numbers. <a href=\"/api/exports/tallies.csv"
            // The CSV is the table on the page: every filter of the page goes with it.
            + E(Query([("groupBy", "admin1"), ("category", FigureIds.Kebab(category)), ("country", view.Raw("country")), ("admin1", view.Raw("admin1")),
                ("partyClass", view.Raw("partyClass")), ("claims", view.Raw("claims")), ("from", view.Raw("from")), ("to", view.Raw("to")),
                .. PageFilter.PointOf(view, result.AsOfPosition)]))
            + "\">Download as CSV</a>.</p>");
        return Page("Tallies", "Tallies", body.ToString());
    }
}
