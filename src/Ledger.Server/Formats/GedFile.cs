using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ledger.Server.Formats;

/// <summary>One event of UCDP's Georeferenced Event Dataset, as its codebook defines the columns we read.</summary>
public sealed record GedEvent(
    int Line, string Id, string? Relid, DateOnly DateStart, DateOnly DateEnd, int DatePrec, int WherePrec,
    string Country, string? Adm1, string? Adm2, string? Where, decimal? Latitude, decimal? Longitude,
    string SideA, string SideB, int TypeOfViolence, int DeathsA, int DeathsB, int DeathsCivilians, int DeathsUnknown,
    int Best, int Low, int High, string? SourceArticle, string? SourceOriginal, int? NumberOfSources, int? EventClarity);

/// <summary>Why a GED file cannot be imported, with the file's line (1 is the header).</summary>
public sealed record FormatError(int Line, string? Column, string Message)
{
    public override string ToString() => $"line {Line}: {(Column is null ? "" : Column + ": ")}{Message}";
}

/// <summary>
/// Reads a UCDP GED CSV (any version with the codebook's columns; others are ignored) and checks every row before
/// anything is stored: counts are whole numbers of zero or more, best is deaths_a + deaths_b + deaths_civilians +
/// deaths_unknown and lies between low and high, dates are days and span no more than date_prec allows
/// (1 one day, 2 up to 6 days, 3 a week, 4 a month, 5 longer), where_prec is 1 to 7 and type_of_violence 1 to 3.
/// </summary>
public static class GedFile
{
    public static readonly string[] Columns =
    [
        "id", "relid", "date_start", "date_end", "date_prec", "where_prec", "country", "adm_1", "adm_2", "latitude", "longitude",
        "side_a", "side_b", "type_of_violence", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high",
        "source_article", "source_original", "number_of_sources", "event_clarity",
    ];

    /// <summary>The most days a date of each precision may span (date_prec 5 is "more than a month").</summary>
    private static readonly int[] SpanDays = [0, 0, 5, 7, 31, int.MaxValue];

    public static (IReadOnlyList<GedEvent> Events, FormatError? Error) Read(TextReader input)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false };
        using var csv = new CsvReader(input, config);
        if (!csv.Read()) return ([], new FormatError(1, null, "the file is empty: a GED CSV starts with its header row"));
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            return ([], new FormatError(1, null, $"not UCDP GED's columns: {string.Join(", ", missing)} missing (the codebook's names, in lower case)"));
        var events = new List<GedEvent>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var (row, error) = Row(csv, line);
            if (error is not null) return ([], error);
            if (seen.TryGetValue(row!.Id, out var first)) return ([], new FormatError(line, "id", $"event {row.Id} is given twice (first on line {first})"));
            seen[row.Id] = line;
            events.Add(row);
        }
        return (events, null);
    }

    private static (GedEvent?, FormatError?) Row(CsvReader csv, int line)
    {
        FormatError? error = null;
        string? Text(string column) => csv.GetField(column) is { Length: > 0 } s ? s.Trim() : null;
        string Required(string column)
        {
            var s = Text(column);
            if (s is null) error ??= new FormatError(line, column, "is empty");
            return s ?? "";
        }
        int Count(string column)
        {
            var s = Required(column);
            if (s.Length == 0) return 0;
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            error ??= new FormatError(line, column, $"\"{s}\" is not a count of zero or more");
            return 0;
        }
        int? Optional(string column) => Text(column) is { } s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        decimal? Coordinate(string column, decimal bound)
        {
            if (Text(column) is not { } s) return null;
            if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) <= bound) return d;
            error ??= new FormatError(line, column, $"\"{s}\" is not a coordinate between -{bound} and {bound}");
            return null;
        }
        DateOnly Day(string column)
        {
            var s = Required(column);
            // GED writes "2017-01-05" or "2017-01-05 00:00:00.000": the day is what it means.
            if (s.Length >= 10 && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                && (s.Length == 10 || s[10] == ' ' || s[10] == 'T')) return d;
            error ??= new FormatError(line, column, $"\"{s}\" is not a date (yyyy-mm-dd)");
            return default;
        }

        var id = Required("id");
        var start = Day("date_start");
        var end = Day("date_end");
        var datePrec = Count("date_prec");
        var wherePrec = Count("where_prec");
        var type = Count("type_of_violence");
        var (a, b, civilians, unknown) = (Count("deaths_a"), Count("deaths_b"), Count("deaths_civilians"), Count("deaths_unknown"));
        var (best, low, high) = (Count("best"), Count("low"), Count("high"));
        var row = new GedEvent(line, id, Text("relid"), start, end, datePrec, wherePrec, Required("country"), Text("adm_1"), Text("adm_2"),
            Text("where_description"), Coordinate("latitude", 90), Coordinate("longitude", 180), Required("side_a"), Required("side_b"), type,
            a, b, civilians, unknown, best, low, high, Text("source_article"), Text("source_original"), Optional("number_of_sources"), Optional("event_clarity"));
        if (error is not null) return (null, error);
        if (datePrec is < 1 or > 5) return (null, new FormatError(line, "date_prec", $"{datePrec} is not a precision of the codebook (1 a day to 5 more than a month)"));
        if (wherePrec is < 1 or > 7) return (null, new FormatError(line, "where_prec", $"{wherePrec} is not a precision of the codebook (1 an exact place to 7 international waters)"));
        if (type is < 1 or > 3) return (null, new FormatError(line, "type_of_violence", $"{type} is not a type of the codebook (1 state-based, 2 non-state, 3 one-sided)"));
        if (end < start) return (null, new FormatError(line, "date_end", $"{end:yyyy-MM-dd} is before date_start {start:yyyy-MM-dd}"));
        if (end.DayNumber - start.DayNumber > SpanDays[datePrec])
            return (null, new FormatError(line, "date_end", $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd} spans {end.DayNumber - start.DayNumber + 1} days, more than date_prec {datePrec} allows"));
        if (a + b + civilians + unknown != best)
            return (null, new FormatError(line, "best", $"{best} is not deaths_a + deaths_b + deaths_civilians + deaths_unknown ({a + b + civilians + unknown})"));
        if (low > best || best > high) return (null, new FormatError(line, "best", $"low {low}, best {best} and high {high} are out of order"));
        return (row, null);
    }
}
