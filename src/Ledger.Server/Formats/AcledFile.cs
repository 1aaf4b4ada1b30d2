namespace Ledger.Server.Formats;

/// <summary>One event of an ACLED export, as its codebook names the columns we read.</summary>
public sealed record AcledEvent(
    int Line, string Id, DateOnly Date, int TimePrecision, string EventType, string SubEventType,
    string Actor1, string? Actor2, string? Inter1, string? Inter2, string Country, string? Admin1, string? Admin2, string? Location,
    decimal? Latitude, decimal? Longitude, int GeoPrecision, string? Source, string? Notes, int Fatalities, long Timestamp);

/// <summary>
/// Reads an ACLED CSV export and checks every row before anything is stored: <c>fatalities</c> is a whole number of
/// zero or more, <c>event_date</c> a day, <c>time_precision</c> and <c>geo_precision</c> 1 to 3, ids once each.
/// </summary>
public static class AcledFile
{
    public static readonly string[] Columns =
    [
        "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2",
        "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "timestamp",
    ];

    public static (IReadOnlyList<AcledEvent> Events, FormatError? Error) Read(TextReader input) =>
        CodebookCsv.Read(input, "ACLED", Columns, "event_id_cnty", Row, e => e.Id);

    private static (AcledEvent?, FormatError?) Row(CodebookCsv.Cells c)
    {
        var line = c.Line;
        // ACLED writes 2024-01-09, or "09 January 2024" in older exports.
        var row = new AcledEvent(line, c.Required("event_id_cnty"), c.Day("event_date", "dd MMMM yyyy", "d MMMM yyyy"), c.Small("time_precision"),
            c.Required("event_type"), c.Required("sub_event_type"), c.Required("actor1"), c.Text("actor2"), c.Text("inter1"), c.Text("inter2"),
            c.Required("country"), c.Text("admin1"), c.Text("admin2"), c.Text("location"), c.Coordinate("latitude", 90), c.Coordinate("longitude", 180),
            c.Small("geo_precision"), c.Text("source"), c.Text("notes"), c.Small("fatalities"), c.Count("timestamp"));
        if (c.Error is not null) return (null, c.Error);
        if (row.TimePrecision is < 1 or > 3) return (null, new FormatError(line, "time_precision", $"{row.TimePrecision} is not a precision of the codebook (1 the day, 2 the week, 3 the month)"));
        if (row.GeoPrecision is < 1 or > 3) return (null, new FormatError(line, "geo_precision", $"{row.GeoPrecision} is not a precision of the codebook (1 the place, 2 near it, 3 the region)"));
        return (row, null);
    }
}
