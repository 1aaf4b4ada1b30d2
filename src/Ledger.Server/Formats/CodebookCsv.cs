using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ledger.Server.Formats;

/// <summary>
/// A CSV in another codebook's shape (UCDP GED's, ACLED's), read by its column names and checked whole before anything
/// is stored: the codebook's columns must all be there (others are ignored), each row is read by the format's own
/// reader, and an event id given twice is refused. Errors name the file's line (1 is the header).
/// </summary>
public static class CodebookCsv
{
    public static (IReadOnlyList<TRow> Rows, FormatError? Error) Read<TRow>(TextReader input, string codebook, IReadOnlyList<string> columns,
        string idColumn, Func<Cells, (TRow? Row, FormatError? Error)> row, Func<TRow, string> id) where TRow : class
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false };
        using var csv = new CsvReader(input, config);
        if (!csv.Read()) return ([], new FormatError(1, null, $"the file is empty: {codebook} starts with its header row"));
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var missing = columns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            return ([], new FormatError(1, null, $"not {codebook}'s columns: {string.Join(", ", missing)} missing (the codebook's names, in lower case)"));
        var rows = new List<TRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var cells = new Cells(csv, csv.Parser.RawRow);
            var (read, error) = row(cells);
            if ((error ?? cells.Error) is { } bad) return ([], bad);
            if (seen.TryGetValue(id(read!), out var first)) return ([], new FormatError(cells.Line, idColumn, $"event {id(read!)} is given twice (first on line {first})"));
            seen[id(read!)] = cells.Line;
            rows.Add(read!);
        }
        return (rows, null);
    }

    /// <summary>One row's cells by column name; the first cell that cannot be read is kept as <see cref="Error"/>.</summary>
    public sealed class Cells(CsvReader csv, int line)
    {
        public int Line { get; } = line;
        public FormatError? Error { get; private set; }

        public string? Text(string column) => csv.GetField(column) is { Length: > 0 } s ? s.Trim() : null;

        public string Required(string column)
        {
            var s = Text(column);
            if (s is null) Error ??= new FormatError(Line, column, "is empty");
            return s ?? "";
        }

        public long Count(string column)
        {
            var s = Required(column);
            if (s.Length == 0) return 0;
            if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            Error ??= new FormatError(Line, column, $"\"{s}\" is not a count of zero or more");
            return 0;
        }

        public int Small(string column) => (int)Math.Min(Count(column), int.MaxValue);

        public int? Optional(string column) =>
            Text(column) is { } s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        public decimal? Coordinate(string column, decimal bound)
        {
            if (Text(column) is not { } s) return null;
            if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) <= bound) return d;
            Error ??= new FormatError(Line, column, $"\"{s}\" is not a coordinate between -{bound} and {bound}");
            return null;
        }

        /// <summary>A day as yyyy-mm-dd (a time after it, as GED writes "2017-01-05 00:00:00.000", is dropped), or one of
        /// <paramref name="others"/>.</summary>
        public DateOnly Day(string column, params string[] others)
        {
            var s = Required(column);
            if (s.Length >= 10 && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                && (s.Length == 10 || s[10] == ' ' || s[10] == 'T')) return d;
            if (others.Length > 0 && DateOnly.TryParseExact(s, others, CultureInfo.InvariantCulture, DateTimeStyles.None, out d)) return d;
            if (s.Length > 0) Error ??= new FormatError(Line, column, $"\"{s}\" is not a date (yyyy-mm-dd)");
            return default;
        }
    }
}
