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

    public static (IReadOnlyList<GedEvent> Events, FormatError? Error) Read(TextReader input) =>
        CodebookCsv.Read(input, "UCDP GED", Columns, "id", Row, e => e.Id);

    private static (GedEvent?, FormatError?) Row(CodebookCsv.Cells c)
    {
        var line = c.Line;
        var id = c.Required("id");
        var start = c.Day("date_start");
        var end = c.Day("date_end");
        var datePrec = c.Small("date_prec");
        var wherePrec = c.Small("where_prec");
        var type = c.Small("type_of_violence");
        var (a, b, civilians, unknown) = (c.Small("deaths_a"), c.Small("deaths_b"), c.Small("deaths_civilians"), c.Small("deaths_unknown"));
        var (best, low, high) = (c.Small("best"), c.Small("low"), c.Small("high"));
        var row = new GedEvent(line, id, c.Text("relid"), start, end, datePrec, wherePrec, c.Required("country"), c.Text("adm_1"), c.Text("adm_2"),
            c.Text("where_description"), c.Coordinate("latitude", 90), c.Coordinate("longitude", 180), c.Required("side_a"), c.Required("side_b"), type,
            a, b, civilians, unknown, best, low, high, c.Text("source_article"), c.Text("source_original"), c.Optional("number_of_sources"), c.Optional("event_clarity"));
        if (c.Error is not null) return (null, c.Error);
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
