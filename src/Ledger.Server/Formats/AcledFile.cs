using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

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

    public static (IReadOnlyList<AcledEvent> Events, FormatError? Error) Read(TextReader input)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false };
        using var csv = new CsvReader(input, config);
        if (!csv.Read()) return ([], new FormatError(1, null, "the file is empty: an ACLED export starts with its header row"));
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            return ([], new FormatError(1, null, $"not ACLED's columns: {string.Join(", ", missing)} missing (the codebook's names, in lower case)"));
        var events = new List<AcledEvent>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var (row, error) = Row(csv, line);
            if (error is not null) return ([], error);
            if (seen.TryGetValue(row!.Id, out var first)) return ([], new FormatError(line, "event_id_cnty", $"event {row.Id} is given twice (first on line {first})"));
            seen[row.Id] = line;
            events.Add(row);
        }
        return (events, null);
    }

    private static (AcledEvent?, FormatError?) Row(CsvReader csv, int line)
    {
        FormatError? error = null;
        string? Text(string column) => csv.GetField(column) is { Length: > 0 } s ? s.Trim() : null;
        string Required(string column)
        {
            var s = Text(column);
            if (s is null) error ??= new FormatError(line, column, "is empty");
            return s ?? "";
        }
        long Count(string column)
        {
            var s = Required(column);
            if (s.Length == 0) return 0;
            if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            error ??= new FormatError(line, column, $"\"{s}\" is not a count of zero or more");
            return 0;
        }
        decimal? Coordinate(string column, decimal bound)
        {
            if (Text(column) is not { } s) return null;
            if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) <= bound) return d;
            error ??= new FormatError(line, column, $"\"{s}\" is not a coordinate between -{bound} and {bound}");
            return null;
        }
        var date = Required("event_date");
        // ACLED writes 2024-01-09, or "09 January 2024" in older exports.
        var day = DateOnly.TryParseExact(date, ["yyyy-MM-dd", "dd MMMM yyyy", "d MMMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
        if (day is null && date.Length > 0) error ??= new FormatError(line, "event_date", $"\"{date}\" is not a date (yyyy-mm-dd)");
        var row = new AcledEvent(line, Required("event_id_cnty"), day ?? default, (int)Count("time_precision"), Required("event_type"), Required("sub_event_type"),
            Required("actor1"), Text("actor2"), Text("inter1"), Text("inter2"), Required("country"), Text("admin1"), Text("admin2"), Text("location"),
            Coordinate("latitude", 90), Coordinate("longitude", 180), (int)Count("geo_precision"), Text("source"), Text("notes"),
            (int)Math.Min(Count("fatalities"), int.MaxValue), Count("timestamp"));
        if (error is not null) return (null, error);
        if (row.TimePrecision is < 1 or > 3) return (null, new FormatError(line, "time_precision", $"{row.TimePrecision} is not a precision of the codebook (1 the day, 2 the week, 3 the month)"));
        if (row.GeoPrecision is < 1 or > 3) return (null, new FormatError(line, "geo_precision", $"{row.GeoPrecision} is not a precision of the codebook (1 the place, 2 near it, 3 the region)"));
        return (row, null);
    }
}
