using System.Globalization;
using System.Text;
using Ledger.Drafting;
using Ledger.Incidents;
using Ledger.Server.Drafting;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>/drafts: paste an article, see each drafted figure's sentence marked in the text beside the drafts, and
/// download them as import lines to check and import. Nothing is stored.</summary>
public static class DraftsPage
{
    public static IResult Form() => Page("Draft figures", "Drafts", Body(null, null, DateOnly.FromDateTime(DateTime.UtcNow), null, null));

    /// <summary>The largest form the page reads: the longest article drafting takes, even with every character
    /// percent-encoded, and no more (a 23 MB form was once read whole).</summary>
    public const long MaxFormBytes = 1 << 20;

    public static async Task<IResult> DraftAsync(HttpContext ctx)
    {
        var tooLarge = Page("Draft figures", "Drafts", Body(null, null, DateOnly.FromDateTime(DateTime.UtcNow), null,
            $"text: the form is larger than {MaxFormBytes / 1024:N0} KiB; draft the article in parts"), 413);
        if (ctx.Request.ContentLength > MaxFormBytes) return tooLarge;
        if (ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap)
            cap.MaxRequestBodySize = MaxFormBytes; // a chunked body is cut off at the same size
        Microsoft.AspNetCore.Http.IFormCollection form;
        try { form = await ctx.Request.ReadFormAsync(ctx.RequestAborted); }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException) { return tooLarge; }
        var text = form["text"].ToString();
        var source = form["source"].ToString() is { Length: > 0 } s ? s.Trim().ToLowerInvariant() : null;
        if (!DateOnly.TryParseExact(form["publishedAt"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
            return Page("Draft figures", "Drafts", Body(text, source, DateOnly.FromDateTime(DateTime.UtcNow), null, "publishedAt: give the date the article was published, as yyyy-mm-dd"), 400);
        var body = new DraftEndpoints.DraftBody(text, new DateTimeOffset(published.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, source);
        if (DraftEndpoints.Check(body, DateTimeOffset.UtcNow)?.Body is ProblemBody problem)
            return Page("Draft figures", "Drafts", Body(text, source, published, null, $"{problem.Field}: {problem.Detail}"), 400);
        var request = new DraftRequest(text, body.PublishedAt, Source: source);
        return Page("Draft figures", "Drafts", Body(text, source, published, (Drafter.Draft(request, await ctx.RequestServices.GetRequiredService<Http.Lookups>().Names.DraftVocabularyAsync(ctx.RequestAborted)), request), null));
    }

    private static string Body(string? text, string? source, DateOnly published, (DraftResult Result, DraftRequest Request)? drafted, string? error)
    {
        var sb = new StringBuilder("<h1>Draft figures from an article</h1>");
        sb.Append("<p class=\"lede\">Paste an article in English or Arabic. The ledger reads its casualty figures into drafts for you to check: nothing is stored until you import the lines.</p>");
        sb.Append("<form class=\"filters draft-form\" method=\"post\" action=\"/drafts\">")
            .Append($"<label class=\"wide\">Article <textarea name=\"text\" rows=\"8\" dir=\"auto\" required>{E(text)}</textarea></label>")
            .Append(Input("publishedAt", "Published", "date", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(Input("source", "Publisher (source id)", "text", source, "e.g. sohr"))
            .Append("<button type=\"submit\">Draft</button></form>");
        if (error is not null) sb.Append($"<p class=\"error\" role=\"alert\">{E(error)}</p>");
        if (drafted is not { } d) return sb.ToString();
        var figures = d.Result.Drafts.SelectMany(x => x.Figures).ToList();
        if (figures.Count == 0)
        {
            sb.Append("<p class=\"empty\" id=\"no-drafts\">No casualty figure found in this text.</p>");
            return sb.ToString();
        }
        sb.Append("<div class=\"drafts\">").Append(Desk.DeskPage.Marked(d.Request.Text, d.Result));
        sb.Append("<section class=\"draft-list\"><h2>Drafts</h2><table class=\"incidents\" id=\"drafts\"><thead><tr><th>Date</th><th>Where</th><th>Type</th><th>Perpetrator</th><th>Figure</th><th>Party</th><th>Certainty</th><th>Source</th></tr></thead><tbody>");
        foreach (var incident in d.Result.Drafts)
            foreach (var f in incident.Figures)
                sb.Append($"<tr><td class=\"date\">{E(incident.Occurred.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} ({E(FigureIds.Kebab(incident.Occurred.Precision))})</td>")
                    .Append($"<td>{E(incident.Location.Country)} {E(PCode(incident.Location.Admin1))} {Auto(incident.Location.Place)}</td><td>{E(incident.Type)}</td><td>{E(incident.Perpetrator)}</td>")
                    .Append($"<td class=\"num\">{E(FigureIds.Kebab(f.Category))}: {Auto(f.Value.ToString())}</td><td>{E(f.Party)} ({E(FigureIds.Kebab(f.PartyClass))})</td>")
                    .Append($"<td>{E(FigureIds.Kebab(f.Certainty))}</td><td>{E(f.Source)}</td></tr>");
        sb.Append("</tbody></table>");
        if (d.Result.Counts.Count > 0)
            sb.Append("<p class=\"note\">Not casualty figures, perhaps regional ones: ")
                .Append(string.Join("; ", d.Result.Counts.Select(c => E($"{c.Value} {c.Noun}")))).Append(".</p>");
        var lines = string.Join("\n", DraftLines.Of(d.Result, d.Request)) + "\n";
        sb.Append($"<p><a id=\"download\" download=\"drafts.ndjson\" href=\"data:application/x-ndjson;charset=utf-8;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(lines))}\">Download the import lines</a> ")
            .Append("(check and edit them, then <code>ledger import drafts.ndjson</code>)</p>");
        sb.Append($"<pre class=\"lines\" dir=\"ltr\">{E(lines)}</pre></section></div>");
        return sb.ToString();
    }
}
