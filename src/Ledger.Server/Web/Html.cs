using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Ledger.Server.Web;

/// <summary>The page frame and the few formatting rules every page shares: text is always HTML-encoded, numbers
/// have one format (1,234; "–" for none), times are UTC, and text that may be Arabic gets dir="auto".</summary>
public static class Html
{
    /// <summary>Encoded text. A bidirectional embedding, override or isolate (in a pasted article, or in the log from
    /// before such text was refused) is shown as its code point, never obeyed: it could show "14" as "41". Marks,
    /// common in pasted Arabic, are dropped: the element around the text sets its direction.</summary>
    public static string E(string? text) => HtmlEncoder.Default.Encode(text is null ? "" : text.Any(FreeText.IsBidiControl)
        ? string.Concat(text.Select(c => !FreeText.IsBidiControl(c) ? c.ToString() : FreeText.IsBidiMark(c) ? "" : $"[U+{(int)c:X4}]")) : text);

    /// <summary>Text in a language we do not know (titles, places, quotes): the browser picks its direction.</summary>
    public static string Auto(string? text) => $"<span dir=\"auto\">{E(text)}</span>";

    public static string N(long? n) => n is { } v ? v.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A governorate's p-code as OCHA writes it (SY09), so that it joins OCHA's tables; ids are lower case.</summary>
    public static string? PCode(string? admin1) => admin1?.ToUpperInvariant();

    /// <summary>A query string from the non-empty values, for links that keep the page's filters.</summary>
    public static string Query(IEnumerable<(string Name, string? Value)> values)
    {
        var parts = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{UrlEncoder.Default.Encode(v.Name)}={UrlEncoder.Default.Encode(v.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static IResult Page(string title, string active, string body, int status = 200)
    {
        var nav = new StringBuilder();
        foreach (var (href, name) in new[] { ("/", "Tallies"), ("/incidents", "Incidents"), ("/regional", "Regional figures"), ("/changes", "Changes"), ("/sources", "Sources"), ("/drafts", "Drafts"), ("/desk", "Desk") })
            nav.Append($"<a href=\"{href}\"{(name == active ? " aria-current=\"page\"" : "")}>{name}</a>");
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} · Incident ledger</title>
            <link rel="stylesheet" href="/web/site.css">
            </head>
            <body>
            <header><a class="brand" href="/">Incident ledger</a><nav>{{nav}}</nav><a class="api" href="/sign-in">Sign in</a><a class="api" href="/scalar">API</a></header>
            <main>
            {{body}}
            </main>
            <footer>Every figure is an immutable, hash-chained event: <a href="/api/verify">verify the chains</a> · <a href="/api/events">change feed</a></footer>
            <script src="/web/site.js"></script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A select of kebab-case values with one chosen.</summary>
    public static string Select(string name, string label, IEnumerable<string> values, string? chosen, string? any = "any")
    {
        var sb = new StringBuilder($"<label>{E(label)} <select name=\"{name}\">");
        if (any is not null) sb.Append($"<option value=\"\">{E(any)}</option>");
        foreach (var v in values) sb.Append($"<option{(v == chosen ? " selected" : "")}>{E(v)}</option>");
        return sb.Append("</select></label>").ToString();
    }

    /// <summary>A select whose options show a label for each value ("Yemen" for YE); a chosen value not among them is
    /// kept as an option, so that submitting the form never drops a filter the page was opened with.</summary>
    public static string Select(string name, string label, IEnumerable<(string Value, string Label)> options, string? chosen, string? any = "any")
    {
        var list = options.ToList();
        if (chosen is { Length: > 0 } && list.All(o => o.Value != chosen)) list.Insert(0, (chosen, chosen));
        var sb = new StringBuilder($"<label>{E(label)} <select name=\"{name}\">");
        if (any is not null) sb.Append($"<option value=\"\">{E(any)}</option>");
        foreach (var (v, l) in list) sb.Append($"<option value=\"{E(v)}\"{(v == chosen ? " selected" : "")}>{E(l)}</option>");
        return sb.Append("</select></label>").ToString();
    }

    public static string Input(string name, string label, string type, string? value, string? placeholder = null) =>
        $"<label>{E(label)} <input name=\"{name}\" type=\"{type}\" value=\"{E(value)}\"{(placeholder is null ? "" : $" placeholder=\"{E(placeholder)}\"")}></label>";

    /// <summary>An SVG bar on a scale shared by its neighbours: best as the bar, low–high as a whisker.</summary>
    public static string RangeBar(long? low, long? best, long? high, long max, string cls = "", double width = 260)
    {
        if (best is not { } b) return "<span class=\"muted\">no number</span>";
        double X(long v) => Math.Round(v * width / Math.Max(1, max), 1);
        var (l, h) = (low ?? b, high ?? b);
        // A viewBox, so the bar shrinks with its column as a whole: at a phone's width each bar keeps its length relative
        // to its neighbours (a fixed width was clipped there, and 41 and 10 were drawn alike).
        return $"<svg class=\"bar {cls}\" viewBox=\"0 0 {width + 4} 18\" preserveAspectRatio=\"none\" style=\"max-width:{width + 4}px\" role=\"img\" aria-label=\"best {N(b)}, from {N(l)} to {N(h)}\" data-best=\"{b}\">"
            + $"<rect x=\"0\" y=\"3\" width=\"{X(b)}\" height=\"12\" rx=\"2\"/>"
            + (h > l ? $"<line class=\"whisker\" vector-effect=\"non-scaling-stroke\" x1=\"{X(l)}\" x2=\"{X(h)}\" y1=\"9\" y2=\"9\"/><line class=\"whisker\" vector-effect=\"non-scaling-stroke\" x1=\"{X(l)}\" x2=\"{X(l)}\" y1=\"4\" y2=\"14\"/><line class=\"whisker\" vector-effect=\"non-scaling-stroke\" x1=\"{X(h)}\" x2=\"{X(h)}\" y1=\"4\" y2=\"14\"/>" : "")
            + "</svg>";
    }
}
