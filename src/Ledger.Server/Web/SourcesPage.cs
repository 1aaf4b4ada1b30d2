using System.Globalization;
using System.Text;
using Ledger.Projections;
using Ledger.Server.Http;
using Ledger.Sources;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>/sources and /sources/{id}: each source's track record (how many figures it gave, how it revised them,
/// the disputes against them and their outcomes, its retractions), now or as of any point, and one source beside
/// another (<c>compare=</c>). Every number is the record the API's /api/sources/{id}/record answers.</summary>
public static class SourcesPage
{
    private static readonly string[] Accepted = [.. PageFilter.PointParameters, "compare"];

    public static async Task<IResult> ListAsync(HttpContext ctx, Lookups lookups, SourceQueries sources, SourceRecords records, Npgsql.NpgsqlDataSource db)
    {
        var body = new StringBuilder("<h1>Sources</h1><p class=\"lede\">Each source's track record: what it reported, how often and which way it revised, how disputes against its figures ended, and what it retracted. Pick a point to see the records as they stood then.</p>");
        var (asOf, view, error) = await PointAsync(ctx, lookups, db, PageFilter.PointParameters);
        if (error is not null) return Page("Sources", "Sources", body.Append(error).ToString(), 400);
        body.Append(PointForm("/sources", view!, null)).Append(PageFilter.AsOfBanner(asOf, view!.AsOfDate, view.Raw("release")));
        var list = await sources.ListAsync(ctx.RequestAborted);
        var all = (await records.OfAllAsync(list.Select(s => s.Id), asOf, ctx.RequestAborted)).ToDictionary(r => r.Source, StringComparer.Ordinal);
        body.Append("<table class=\"sources\" id=\"sources\"><thead><tr><th>Source</th><th>Kind</th><th class=\"num\">Figures</th><th class=\"num\">Incidents</th>")
            .Append("<th class=\"num\">Revised</th><th class=\"num\">Up / down</th><th class=\"num\">Median change</th><th class=\"num\">Disputed</th><th class=\"num\">Upheld</th><th class=\"num\">Retracted</th><th class=\"num\">Agrees</th></tr></thead><tbody>");
        var point = Query(view.Raw("asOfDate"), view.Raw("asOfPosition"), view.Raw("release"), null);
        foreach (var s in list)
        {
            var r = all[s.Id];
            body.Append($"<tr><td><a href=\"/sources/{E(Uri.EscapeDataString(s.Id))}{point}\">{Auto(s.Name)}</a> <span class=\"code\">{E(s.Id)}</span></td><td>{E(Incidents.FigureIds.Kebab(s.Kind))}</td>")
                .Append($"<td class=\"num\">{N(r.FiguresReported)}</td><td class=\"num\">{N(r.Incidents)}</td><td class=\"num\">{N(r.FiguresRevised)}</td>")
                .Append($"<td class=\"num\">{N(r.RevisedUp)} / {N(r.RevisedDown)}</td><td class=\"num\">{Percent(r.MedianRelativeChange)}</td>")
                .Append($"<td class=\"num\">{N(r.DisputesAgainst.Total)}</td><td class=\"num\">{N(r.DisputesAgainst.Upheld)}</td><td class=\"num\">{N(r.Retractions)}</td>")
                .Append($"<td class=\"num\">{(r.Compared == 0 ? "–" : $"{N(r.Agreed)} of {N(r.Compared)}")}</td></tr>");
        }
        body.Append("</tbody></table><p class=\"muted\"><a href=\"/api/exports/sources.csv").Append(point).Append("\">Download as CSV</a></p>");
        return Page("Sources", "Sources", body.ToString());
    }

    public static async Task<IResult> OneAsync(string id, HttpContext ctx, Lookups lookups, SourceRecords records, Npgsql.NpgsqlDataSource db)
    {
        var body = new StringBuilder("<p class=\"crumbs\"><a href=\"/sources\">Sources</a> ›</p>");
        var (asOf, view, error) = await PointAsync(ctx, lookups, db, Accepted);
        if (error is not null) return Page("Source", "Sources", body.Append(error).ToString(), 400);
        if (await lookups.Names.SourceAsync(id) is not { } source)
            return Page("Not found", "Sources", body.Append($"<h1>No source {E(id)}</h1><p><a href=\"/sources\">All sources</a></p>").ToString(), 404);
        var compare = view!.Raw("compare") is { Length: > 0 } other ? await lookups.Names.SourceAsync(other) : null;
        if (view.Raw("compare") is { Length: > 0 } asked && compare is null)
            return Page("Source", "Sources", body.Append($"<p class=\"error\" role=\"alert\">compare: there is no source \"{E(asked)}\"</p>").ToString(), 400);
        var shown = compare is null ? [source.Id] : new[] { source.Id, compare.Id };
        var recs = await records.OfAllAsync(shown, asOf, ctx.RequestAborted);
        body.Append($"<h1>{E(source.Id)}{(compare is null ? "" : $" beside {E(compare.Id)}")}</h1>").Append(PointForm($"/sources/{Uri.EscapeDataString(source.Id)}", view, compare?.Id))
            .Append(PageFilter.AsOfBanner(asOf, view.AsOfDate, view.Raw("release")));
        body.Append("<table class=\"record\" id=\"record\"><thead><tr><th></th>").Append(string.Concat(recs.Select(r => $"<th class=\"num\">{E(r.Source)}</th>"))).Append("</tr></thead><tbody>");
        void Row(string label, Func<SourceRecord, string> cell, string cls = "num") =>
            body.Append($"<tr><th scope=\"row\">{E(label)}</th>").Append(string.Concat(recs.Select(r => $"<td class=\"{cls}\">{cell(r)}</td>"))).Append("</tr>");
        Row("Figures reported", r => N(r.FiguresReported));
        Row("Incidents", r => N(r.Incidents));
        Row("Claims (an armed group's own)", r => N(r.Claimed));
        Row("Unquantified (\"numerous\")", r => N(r.Unquantified));
        Row("Figures revised", r => N(r.FiguresRevised));
        Row("Revisions", r => N(r.Revisions));
        Row("Revised up / down", r => $"{N(r.RevisedUp)} / {N(r.RevisedDown)}");
        Row("Median change, first to last", r => Percent(r.MedianRelativeChange));
        Row("Median days to the last revision", r => r.MedianDaysToLastRevision is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) : "–");
        Row("Disputes against its figures", r => N(r.DisputesAgainst.Total));
        Row("… upheld / dismissed / open", r => $"{N(r.DisputesAgainst.Upheld)} / {N(r.DisputesAgainst.Dismissed)} / {N(r.DisputesAgainst.Open)}");
        Row("Disputes it raised", r => N(r.DisputesRaised.Total));
        Row("… upheld / dismissed / open", r => $"{N(r.DisputesRaised.Upheld)} / {N(r.DisputesRaised.Dismissed)} / {N(r.DisputesRaised.Open)}");
        Row("Figures retracted", r => N(r.Retractions));
        Row("Beside another source's figure (same incident, category, party)", r => N(r.Compared));
        Row("… agreeing (the counts they allow overlap)", r => r.Compared == 0 ? "–" : $"{N(r.Agreed)} ({100.0 * r.Agreed / r.Compared:0}%)");
        Row("Regional figures (totals for an area and period)", r => N(r.Regional?.FiguresReported ?? 0));
        Row("… revised / revisions / up / down", r => r.Regional is { } g ? $"{N(g.FiguresRevised)} / {N(g.Revisions)} / {N(g.RevisedUp)} / {N(g.RevisedDown)}" : "–");
        Row("… disputed", r => N(r.Regional?.DisputesAgainst ?? 0));
        Row("By category", r => E(string.Join(", ", r.ByCategory.Select(c => $"{c.Key} {c.Value}"))), "list");
        Row("By party class", r => E(string.Join(", ", r.ByPartyClass.Select(c => $"{c.Key} {c.Value}"))), "list");
        body.Append("</tbody></table>");
        body.Append($"<p class=\"muted\"><a href=\"/api/sources/{E(Uri.EscapeDataString(source.Id))}/record{(asOf is { } p ? $"?asOfPosition={p}" : "")}\">JSON</a></p>");
        return Page(source.Id, "Sources", body.ToString());
    }

    private static async Task<(long? AsOf, PageFilter? View, string? Error)> PointAsync(HttpContext ctx, Lookups lookups, Npgsql.NpgsqlDataSource db, IReadOnlyCollection<string> accepted)
    {
        var view = await PageFilter.ReadAsync(ctx, lookups, accepted);
        if (view.Error is not null) return (null, view, view.Error);
        try { return (await ReadPoint.ResolveAsync(db, view.Filter.AsOfPosition, view.Filter.AsOf, ctx.RequestAborted), view, null); }
        catch (PositionBeyondHeadException beyond) { return (null, view, PageFilter.BeyondHead(view, beyond)); }
    }

    private static string PointForm(string action, PageFilter view, string? compare) =>
        $"<form class=\"filters\" method=\"get\" action=\"{E(action)}\">"
        + Input("asOfDate", "As of the end of", "date", view.Raw("asOfDate"))
        + Input("asOfPosition", "or position", "number", view.Raw("asOfPosition"))
        + Input("release", "or release", "text", view.Raw("release"))
        + (action == "/sources" ? "" : Input("compare", "Beside (source id)", "text", compare, "e.g. afp"))
        + "<button type=\"submit\">Show</button></form>";

    private static string Query(string? date, string? position, string? release, string? compare) =>
        Html.Query([("asOfDate", date), ("asOfPosition", position), ("release", release), ("compare", compare)]);

    private static string Percent(double? change) => change is { } c ? (c * 100).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%" : "–";
}
