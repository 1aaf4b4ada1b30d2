using System.Globalization;
using System.Text;

namespace Ledger.Server.Http;

/// <summary>RFC 4180 CSV with an HXL hashtag row under the header. Text cells that a spreadsheet would take
/// for a formula are prefixed with an apostrophe.</summary>
public sealed class Csv(IReadOnlyList<(string Header, string Hxl)> columns)
{
    private readonly StringBuilder _text = new StringBuilder()
        .Append(string.Join(',', columns.Select(c => Cell(c.Header)))).Append("\r\n")
        .Append(string.Join(',', columns.Select(c => Cell(c.Hxl)))).Append("\r\n");

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

    private static string Cell(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        // A semicolon or tab is quoted too: spreadsheets in many locales split on them, and "ok;=1+2" would become a formula.
        return s.IndexOfAny([',', '"', '\r', '\n', ';', '\t']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
