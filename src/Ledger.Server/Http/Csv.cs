using System.Globalization;
using System.Text;
using Ledger.Projections;

namespace Ledger.Server.Http;

/// <summary>RFC 4180 CSV with an HXL hashtag row under the header. Text cells that a spreadsheet would take
/// for a formula are prefixed with an apostrophe. An export of a past point starts with a row that cites it:
/// <c>release,NAME,asOfPosition,P,recordedAt,T</c> (HXL tools skip rows above the hashtag row).</summary>
public sealed class Csv
{
    private readonly StringBuilder _text = new();

    public Csv(IReadOnlyList<(string Header, string Hxl)> columns, ReadPoint? point = null, string? release = null, bool foreign = false)
    {
        if (foreign)
        {
            // Another codebook's shape (UCDP's, ACLED's): its header row and nothing else above the rows, so that its
            // tools read the file as their own. The point it shows is in the response's X-Ledger-Read-Position.
            _text.Append(string.Join(',', columns.Select(c => Cell(c.Header)))).Append("\r\n");
            return;
        }
        if (point is not null)
            Row([.. release is null ? Array.Empty<object?>() : ["release", release], "asOfPosition", point.Position, "recordedAt", point.RecordedAt]);
        _text.Append(string.Join(',', columns.Select(c => Cell(c.Header)))).Append("\r\n")
            .Append(string.Join(',', columns.Select(c => Cell(c.Hxl)))).Append("\r\n");
    }

    public Csv Row(params object?[] cells)
    {
        _text.Append(string.Join(',', cells.Select(c => c switch
        {
            null => "",
            string s => Cell(s),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Cell(c.ToString() ?? ""),
        }))).Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>The file, UTF-8 with a byte order mark unless <paramref name="bom"/> is false: without one, Excel
    /// reads UTF-8 as a legacy code page and Arabic names arrive as mojibake.</summary>
    public IResult ToResult(string fileName, bool bom = true)
    {
        var text = Encoding.UTF8.GetBytes(_text.ToString());
        return Results.File(bom ? [.. Encoding.UTF8.Preamble, .. text] : text, "text/csv; charset=utf-8", fileName);
    }

    private Stream? _sink;

    /// <summary>A CSV written to the response while it is made: <paramref name="rows"/> adds rows and calls
    /// <see cref="FlushAsync"/> after each page, which sends them, so an export of the whole ledger never sits in
    /// memory. A failure after the first page can only cut the response short (its status is already sent).</summary>
    public static IResult Streamed(IReadOnlyList<(string Header, string Hxl)> columns, string fileName, bool bom, Func<Csv, CancellationToken, Task> rows,
        ReadPoint? point = null, string? release = null, bool foreign = false) =>
        new StreamedCsv(columns, fileName, bom, rows, point, release, foreign);

    /// <summary>Sends the rows added since the last flush, when streaming; otherwise keeps them.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_sink is null) return;
        var bytes = Encoding.UTF8.GetBytes(_text.ToString());
        _text.Clear();
        await _sink.WriteAsync(bytes, ct);
        await _sink.FlushAsync(ct);
    }

    private sealed class StreamedCsv(IReadOnlyList<(string Header, string Hxl)> columns, string fileName, bool bom,
        Func<Csv, CancellationToken, Task> rows, ReadPoint? point, string? release, bool foreign) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
                { FileName = fileName, FileNameStar = fileName }.ToString();
            var csv = new Csv(columns, point, release, foreign) { _sink = http.Response.Body };
            if (bom) await http.Response.Body.WriteAsync(Encoding.UTF8.Preamble.ToArray(), http.RequestAborted);
            await rows(csv, http.RequestAborted);
            await csv.FlushAsync(http.RequestAborted);
        }
    }

    private static string Cell(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        // A semicolon or tab is quoted too: spreadsheets in many locales split on them, and "ok;=1+2" would become a formula.
        return s.IndexOfAny([',', '"', '\r', '\n', ';', '\t']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
