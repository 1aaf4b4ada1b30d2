using System.Text;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>Sources' aggregates for an area and a period (SOHR's "at least 570 since 24 March 2019") beside what
/// the ledger's own incidents add up to for the same area and period: the period is shown, and an open period
/// ends when the figure was published, so later deaths are never compared with an older count.</summary>
public static class RegionalPage
{
    /// <summary>"1 incident", "2 incidents".</summary>
    private static string Count(long n, string noun) => $"{N(n)} {noun}{(n == 1 ? "" : "s")}";

    public static async Task<IResult> RenderAsync(HttpContext ctx, RegionalFigureQueries regional, Lookups lookups, Npgsql.NpgsqlDataSource db)
    {
        var body = new StringBuilder("<h1>Regional figures</h1><p class=\"lede\">A regional figure is a source's own total for an area and a period. It is never added into the tallies; here it stands beside the sum of the ledger's incidents for the same area, period, category and party class.</p>");
        var point = await PageFilter.ReadAsync(ctx, lookups, PageFilter.PointParameters);
        if (point.Error is not null) return Page("Regional figures", "Regional figures", body.Append(point.Error).ToString(), 400);
        long? asOf;
        try { asOf = await ReadPoint.ResolveAsync(db, point.Filter.AsOfPosition, point.Filter.AsOf, ctx.RequestAborted); }
        catch (PositionBeyondHeadException beyond) { return Page("Regional figures", "Regional figures", body.Append(PageFilter.BeyondHead(point, beyond)).ToString(), 400); }
        body.Append(PageFilter.AsOfBanner(asOf, point.AsOfDate, point.Raw("release")));
        var any = false;
        foreach (var region in (await lookups.HeldRegionsAsync(ctx.RequestAborted)).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (await regional.GetAsync(region.RegionId, asOf, ctx.RequestAborted) is not { Figures.Count: > 0 } found) continue;
            any = true;
            body.Append($"<section class=\"region\" id=\"region-{E(region.RegionId)}\"><h2>{E(region.Name)} {Auto(region.NameAr)} <span class=\"code\">{E(region.RegionId)}</span></h2>");
            if (region.Members.Count > 0) body.Append($"<p class=\"muted\">Covers {E(string.Join(", ", region.Members.Select(m => lookups.NameOf(m) ?? m)))}.</p>");
            foreach (var view in found.Figures)
            {
                var f = view.Figure;
                var ours = view.IncidentTally;
                var theirs = f.Value.ToEstimate();
                var max = Math.Max(1, Math.Max(theirs?.High ?? 0, ours.High ?? ours.Best ?? 0));
                var what = f.Category == FigureCategory.Attacks ? "attacks" : $"{FigureIds.Kebab(f.Category)}, {FigureIds.Kebab(f.PartyClass)}";
                body.Append($"<article class=\"comparison\" data-figure=\"{E(f.FigureId)}\"><h3>{E(f.Source)}: {E(f.Value.ToString())} {E(what)}</h3>")
                    .Append($"<p class=\"period\">Period: <strong>{Html.Date(ours.From)}</strong> to <strong>{Html.Date(ours.To)}</strong>"
                        + (f.Period.To is null ? $" (open; it ends at the figure's publication{(f.PublishedAt is { } pub ? ", " + Time(pub) : "")})" : "") + "</p>")
                    .Append("<table class=\"compare\"><tbody>")
                    .Append($"<tr><th scope=\"row\">{E(f.Source)} says</th><td class=\"num best\">{E(f.Value.ToString())}</td><td>{RangeBar(theirs?.Low, theirs?.Best, theirs?.High, max, "theirs", 300)}</td></tr>")
                    .Append(ours.Incidents == 0
                        ? "<tr><th scope=\"row\">The ledger's incidents</th><td class=\"num best\">0</td><td class=\"muted\">no incident in the ledger for this area and period</td></tr>"
                        : $"<tr><th scope=\"row\">The ledger's incidents</th><td class=\"num best\">{N(ours.Best)}</td><td>{RangeBar(ours.Low, ours.Best, ours.High, max, "ours", 300)} <span class=\"muted\">{(ours.Low != ours.High ? $"{N(ours.Low)}–{N(ours.High)}, " : "")}{Count(ours.Incidents, "incident")}</span></td></tr>")
                    .Append("</tbody></table>");
                // The ledger's side as honestly as the source's: what rests on claims alone, what is disputed, and what
                // overlaps the period without lying inside it (not counted), each with the incidents behind it.
                var list = $"/incidents?{(region.Level == Regions.RegionLevel.Area ? "region" : region.Level == Regions.RegionLevel.Country ? "country" : "admin1")}={Uri.EscapeDataString(region.Level == Regions.RegionLevel.Country ? region.Country : region.RegionId)}"
                    + $"&from={ours.From:yyyy-MM-dd}&to={ours.To:yyyy-MM-dd}" + (f.Category == FigureCategory.Attacks ? "" : $"&category={FigureIds.Kebab(f.Category)}");
                var notes = new List<string>();
                if (ours.Contested > 0)
                    notes.Add($"<span class=\"tag contested\">claims</span> {Count(ours.Contested, "incident")} of these rest on a perpetrator's claims alone; without them the ledger's best is {N(ours.BestWithoutClaims)} (<a href=\"{E(list)}&contested=true\">list</a>)");
                if (ours.Disputed > 0)
                    notes.Add($"<span class=\"tag disputed\">disputed</span> {Count(ours.Disputed, "incident")} with an open dispute (<a href=\"{E(list)}&disputed=true\">list</a>)");
                if (ours.Straddling > 0)
                    notes.Add($"{Count(ours.Straddling, "incident")} overlap{(ours.Straddling == 1 ? "s" : "")} the period without lying inside it and {(ours.Straddling == 1 ? "is" : "are")} not counted (<a href=\"{E(list)}&dates=overlapping\">list</a>)");
                if (notes.Count > 0) body.Append("<ul class=\"ledger-notes\">").Append(string.Concat(notes.Select(n => $"<li>{n}</li>"))).Append("</ul>");
                if (f.OpenDisputes > 0) body.Append("<p><span class=\"tag disputed\">disputed</span> this figure is under an open dispute</p>");
                body.Append("<ol class=\"revisions\">");
                foreach (var h in view.History)
                    body.Append($"<li>{Time(h.RecordedAt)} · {E(h.Type)} by {E(h.RecordedBy)}: {E(h.ValueBefore?.ToString() ?? "")}{(h.ValueBefore is null ? "" : " → ")}{E(h.ValueAfter?.ToString() ?? "")}{(h.Reason is { } r ? " · " + Auto(r) : "")}</li>");
                body.Append("</ol></article>");
            }
            body.Append("</section>");
        }
        if (!any) body.Append("<p class=\"empty\">No regional figures have been reported yet.</p>");
        return Page("Regional figures", "Regional figures", body.ToString());
    }
}
