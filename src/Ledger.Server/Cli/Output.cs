using System.Text.Json;
using Ledger.Serialization;
using Spectre.Console;

namespace Ledger.Server.Cli;

/// <summary>A table on a terminal, tab-separated lines when piped, or JSON.</summary>
public static class Output
{
    public static bool Terminal => !Console.IsOutputRedirected;

    public static void Json(object value) => Console.WriteLine(JsonSerializer.Serialize(value, value.GetType(),
        new JsonSerializerOptions(LedgerJson.Readable) { WriteIndented = true }));

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        if (Terminal)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var h in headers) table.AddColumn(new TableColumn(Markup.Escape(h)));
            foreach (var r in rows) table.AddRow(r.Select(c => Markup.Escape(Cell(c))).ToArray());
            AnsiConsole.Write(table);
            return;
        }
        Console.WriteLine(string.Join('\t', headers));
        foreach (var r in rows) Console.WriteLine(string.Join('\t', r.Select(Cell)));
    }

    public static void Error(string message) => Console.Error.WriteLine($"ledger: {message}");

    private static string Cell(object? c) => c switch
    {
        null => "",
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => c.ToString() ?? "",
    };
}
