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
                        : $"<tr><th scope=\"row\">The ledger's incidents</th><td class=\"num best\">{N(ours.Best)}</td><td>{RangeBar(ours.Low, ours.Best, ours.High, max, "ours", 300)} <span class=\"muted\">{(ours.Low != ours.High ? $"{N(ours.Low)}–{N(ours.High)}, " : "")}{N(ours.Incidents)} {(ours.Incidents == 1 ? "incident" : "incidents")}</span></td></tr>")
                    .Append("</tbody></table>");
                if (f.OpenDisputes > 0) body.Append("<p><span class=\"tag disputed\">disputed</span></p>");
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
