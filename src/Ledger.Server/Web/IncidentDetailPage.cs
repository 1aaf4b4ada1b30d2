using System.Text;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>One incident: what happened where, the reconciled rows, each figure as it stands, the revision
/// timeline, and the full event history.</summary>
public static class IncidentDetailPage
{
    private static readonly string[] Accepted = ["asOfPosition", "release", "eventsAfter", "minPosition"];

    /// <summary>Events on one page: an incident revised thousands of times is read in pages, never whole.</summary>
    public const int EventsPerPage = 200;

    public static async Task<IResult> RenderAsync(string id, HttpContext ctx, IncidentQueries queries, Lookups lookups, Ledger.EventStore.MartenEventStore store,
        Desk.ActionProblem? problem = null, int status = 200)
    {
        // As of a position or a release: the fold of its stream up to there, never the present relabelled.
        if (ctx.Request.Query.Keys.FirstOrDefault(k => !Accepted.Contains(k)) is { } unknown)
            return Page("Incident", "Incidents", $"<p class=\"error\" role=\"alert\">{E(unknown)}: this page does not take {E(unknown)}; it takes {E(string.Join(", ", Accepted))}</p>", 400);
        var q = new QueryParams(ctx);
        // After an action on this page: wait (bounded) until the read models hold it, so the timeline shows it.
        if (problem is null && q.Long("minPosition", 0, long.MaxValue) is { } written)
            await ctx.RequestServices.GetRequiredService<ReadModelDaemon>().WaitForAsync(written, TimeSpan.FromSeconds(5), ctx.RequestAborted);
        var asOf = await q.AsOfPositionAsync(lookups);
        if (q.Problem?.Body is ProblemBody bad)
            return Page("Incident", "Incidents", $"<p class=\"error\" role=\"alert\">{E(bad.Field)}: {E(bad.Detail)}</p>", 400);
        if (asOf is { } point && await store.HeadPositionAsync(ctx.RequestAborted) is var head && point > head)
            return Page("Incident", "Incidents", $"<p class=\"error\" role=\"alert\">{(ctx.Request.Query.ContainsKey("release") ? "release" : "asOfPosition")}: position {point:N0} is beyond the head of the ledger ({head:N0})</p>", 400);
        var incident = !Slug.IsValid(id) ? null : asOf is { } at ? await IncidentAsOf.ReadAsync(store, id, at, ctx.RequestAborted) : await queries.GetAsync(id, ctx.RequestAborted);
        if (incident is null)
            return Page("Not found", "Incidents", $"<h1>No incident {E(id)}{(asOf is { } then ? $" at position {then:N0}" : "")}</h1><p><a href=\"/incidents\">All incidents</a></p>", 404);
        var after = q.Long("eventsAfter", 0, long.MaxValue) ?? 0;
        if (q.Problem?.Body is ProblemBody badPage)
            return Page("Incident", "Incidents", $"<p class=\"error\" role=\"alert\">{E(badPage.Field)}: {E(badPage.Detail)}</p>", 400);
        var history = (await queries.HistoryAsync(id, after, EventsPerPage + 1, ctx.RequestAborted)).Where(h => asOf is null || h.Position <= asOf).ToList();
        var more = history.Count > EventsPerPage;
        if (more) history.RemoveAt(EventsPerPage);
        var s = incident.State;
        var loc = s.Location!;
        var body = new StringBuilder($"<p class=\"crumbs\"><a href=\"/incidents\">Incidents</a> ›</p><h1>{Auto(s.Title)}</h1>").Append(PageFilter.AsOfBanner(asOf, null));
        if (s.Retracted) body.Append("<p class=\"error\" role=\"status\">Retracted: this was found not to be an incident. It counts in no tally.</p>");
        body.Append("<dl class=\"facts\">")
            .Append($"<dt>Date</dt><dd>{E(s.Occurred!.Text)} <span class=\"muted\">({E(FigureIds.Kebab(s.Occurred.Precision))}: {Html.Date(s.Occurred.Start)} to {Html.Date(s.Occurred.End)})</span></dd>")
            .Append($"<dt>Place</dt><dd>{(loc.Admin1 is null ? "no governorate named" : $"{E(lookups.NameOf(loc.Admin1))} {Auto(lookups.ArabicNameOf(loc.Admin1))} <span class=\"code\">{E(Html.PCode(loc.Admin1))}</span>")}, {E(loc.Country)}"
                + (loc.Place is { } place ? $" · {Auto(place)}" : "") + (loc.Admin1Given is { } given && given != loc.Admin1 ? $" · as the source wrote it: {Auto(given)}" : "")
                + (loc.Admin2 is { } admin2 ? $" · {Auto(admin2)}" : "")
                // Coordinates as given (UCDP's latitude and longitude, say), with how precise the place is.
                + (loc.Lat is { } lat && loc.Lon is { } lon
                    ? $" · <span class=\"coordinates\" id=\"coordinates\">{lat.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}, {lon.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}</span>"
                    : "")
                + $" <span class=\"muted\">(precision: {E(FigureIds.Kebab(loc.Precision))})</span></dd>")
            .Append($"<dt>Type</dt><dd>{E(s.Type)}</dd>")
            .Append(s.Perpetrator is { } p ? $"<dt>Perpetrator</dt><dd>{E(p)}</dd>" : "")
            .Append(s.Description is { } d ? $"<dt>Description</dt><dd>{Auto(d)}</dd>" : "")
            .Append($"<dt>Version</dt><dd>{incident.Version} · last changed {Time(incident.UpdatedAt)} · <a href=\"/api/incidents/{E(id)}{(asOf is { } shown ? $"?asOfPosition={shown}" : "")}\">JSON</a></dd></dl>");

        body.Append("<h2>Reconciled</h2><table class=\"reconciled\"><thead><tr><th>Category</th><th>Party class</th><th>Low</th><th>Best</th><th>High</th><th>Best from</th><th>Sources</th><th>Flags</th></tr></thead><tbody>");
        foreach (var r in incident.Reconciled)
            body.Append($"<tr><td>{E(FigureIds.Kebab(r.Category))}</td><td>{E(FigureIds.Kebab(r.PartyClass))}</td><td class=\"num\">{N(r.Low)}</td><td class=\"num best\">{N(r.Best)}</td><td class=\"num\">{N(r.High)}{(r.HighOpen ? " or more" : "")}</td>")
                .Append($"<td>{E(r.BestSource)}</td><td>{E(string.Join(", ", r.Sources))}</td><td>")
                .Append((r.Contested ? "<span class=\"tag contested\">claim only</span> " : "") + (r.Disputed ? "<span class=\"tag disputed\">disputed</span> " : "")
                    + (r.Unquantified > 0 ? $"<span class=\"tag\">{r.Unquantified} unquantified</span>" : ""))
                .Append("</td></tr>");
        body.Append("</tbody></table>");

        if (asOf is null)
            body.Append(Desk.IncidentActions.Forms(id, s, ctx.RequestServices.GetRequiredService<Desk.PageSessions>().Current(ctx), problem));
        body.Append("<h2 id=\"timeline\">How the figures moved</h2>").Append(RevisionTimeline.Render(history));

        body.Append("<h2>Figures now</h2><table class=\"figures\"><thead><tr><th>Figure</th><th>Value</th><th>Certainty</th><th>Status</th><th>Published</th><th>Quote</th></tr></thead><tbody>");
        var open = s.Disputes.Values.Where(x => x.Outcome is null).Select(x => x.FigureId).ToHashSet(StringComparer.Ordinal);
        foreach (var f in s.Figures.Values)
            body.Append($"<tr><td>{E(f.FigureId)}</td><td>{E(f.Value.ToString())}</td><td>{E(FigureIds.Kebab(f.Certainty))}</td><td>{E(FigureIds.Kebab(f.Status))}{(open.Contains(f.FigureId) ? " <span class=\"tag disputed\">disputed</span>" : "")}</td>")
                .Append($"<td>{(f.PublishedAt is { } pub ? Time(pub) : "–")}</td><td>{(f.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? $"<a href=\"{E(url)}\" rel=\"noopener\">{(f.Quote is null ? "source" : Auto(f.Quote))}</a>" : Auto(f.Quote))}</td></tr>");
        body.Append("</tbody></table>");

        body.Append("<h2>Every event</h2><table class=\"history\" id=\"history\"><thead><tr><th>#</th><th>Recorded</th><th>By</th><th>Event</th><th>Figure</th><th>Certainty</th><th>Before</th><th>After</th><th>Disputed by</th><th>Counter value</th><th>Outcome</th><th>Reason</th></tr></thead><tbody>");
        foreach (var h in history)
            body.Append($"<tr><td>{h.Version}</td><td class=\"date\">{Time(h.RecordedAt)}</td><td>{E(h.RecordedBy)}</td><td>{E(h.Type)}</td><td>{E(h.FigureId)}</td>")
                .Append($"<td>{(h.Certainty is { } c ? E(FigureIds.Kebab(c)) : "")}</td><td>{E(h.ValueBefore?.ToString())}</td><td>{E(h.ValueAfter?.ToString())}</td>")
                .Append($"<td>{E(h.DisputedBy)}</td><td>{E(h.CounterValue?.ToString())}</td><td>{(h.Outcome is { } o ? E(FigureIds.Kebab(o)) : "")}</td><td>{Auto(h.Reason)}</td></tr>");
        body.Append("</tbody></table>");
        if (after > 0 || more)
        {
            var kept = asOf is { } point2 ? $"asOfPosition={point2}&" : "";
            body.Append("<p class=\"pager\">")
                .Append(after > 0 ? $"<a href=\"/incidents/{E(id)}?{kept}eventsAfter={Math.Max(0, after - EventsPerPage)}\">Earlier events</a> " : "")
                .Append(more ? $"<a id=\"later-events\" href=\"/incidents/{E(id)}?{kept}eventsAfter={history[^1].Version}\">Later events</a>" : "")
                .Append($" <span class=\"muted\">events {after + 1:N0} to {after + history.Count:N0}; the timeline above draws these</span></p>");
        }
        return Page(s.Title, "Incidents", body.ToString(), status);
    }
}
