using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Import;
using Ledger.Server.Formats;

namespace Ledger.Server.Cli;

/// <summary>`ledger import-ucdp` and `ledger import-acled`: a foreign file, checked whole, becomes import lines that go
/// through the one import path, all or nothing.</summary>
public static partial class LedgerCli
{
    private static readonly Option<string> RecordedAs = new("--as") { Description = "recordedBy on the imported events", DefaultValueFactory = _ => "import" };

    private static Command ImportUcdpCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "a UCDP GED CSV with the codebook's columns; - for standard input" };
        var version = new Option<string>("--version") { Description = "the GED version the file is, e.g. 25.1 (each import of a later version records UCDP's revisions)", Required = true };
        var command = new Command("import-ucdp", "import a UCDP GED version: events as incidents, UCDP's figures per side; a later version as revisions, corrections and retractions") { file, version, RecordedAs };
        command.SetAction(async parse =>
        {
            var named = parse.GetValue(version)!;
            if (!Slug.IsValid(named.ToLowerInvariant()) || named.Length > 20) { Output.Error($"--version \"{named}\" is not a version such as 25.1"); return BadInput; }
            return await ImportFormatAsync(parse.GetValue(file)!, parse.GetValue(RecordedAs)!, $"UCDP GED {named}", GedFile.Read, GedImport.IncidentPrefix,
                (events, names, session, earlier) => new GedImport(named, names, session).LinesAsync(events, earlier));
        });
        return command;
    }

    private static Command ImportAcledCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "an ACLED CSV export with the codebook's columns; - for standard input" };
        var command = new Command("import-acled", "import an ACLED export: events as incidents with ACLED's fatalities; a newer export as revisions, corrections and retractions") { file, RecordedAs };
        command.SetAction(async parse => await ImportFormatAsync(parse.GetValue(file)!, parse.GetValue(RecordedAs)!, "ACLED", AcledFile.Read,
            AcledImport.IncidentPrefix, (events, names, session, earlier) => new AcledImport(names, session).LinesAsync(events, earlier)));
        return command;
    }

    private delegate Task<(IReadOnlyList<(int Line, JsonObject Command)> Lines, FormatError? Error)> Translation<TEvent>(
        IReadOnlyList<TEvent> events, Names.NameResolver names, ImportSession session, IReadOnlyCollection<string> earlier);

    private static async Task<int> ImportFormatAsync<TEvent>(FileInfo path, string recordedAs, string label,
        Func<TextReader, (IReadOnlyList<TEvent> Events, FormatError? Error)> read, string incidentPrefix, Translation<TEvent> translate)
    {
        if (path.Name != "-" && !path.Exists) { Output.Error($"{path.FullName} does not exist"); return BadInput; }
        (IReadOnlyList<TEvent> Events, FormatError? Error) file;
        using (var input = path.Name == "-" ? Console.In : new StreamReader(path.FullName)) file = read(input);
        if (file.Error is { } bad) return RefuseFile(bad.ToString());

        await using var ctx = await CliContext.OpenAsync();
        var session = new ImportSession(ctx.Store, recordedAs, correlationId: "import-" + incidentPrefix.TrimEnd('-'));
        var names = await ImportNames.LoadAsync(session, ctx.Directory);
        var (lines, error) = await translate(file.Events, names.Names, session, await IncidentsAsync(ctx, incidentPrefix));
        if (error is not null) return RefuseFile(error.ToString());

        var ndjson = string.Join('\n', lines.Select(l => l.Command.ToJsonString()));
        var report = await WithProgress(p => new Importer(session, names).RunAsync(new StringReader(ndjson), allOrNothing: true, p));
        await ctx.CatchUpAsync();
        if (report.Error is { } failed)
        {
            var line = failed.Line >= 1 && failed.Line <= lines.Count ? lines[failed.Line - 1].Line : failed.Line;
            return RefuseFile($"line {line}: {(failed.Field is null ? "" : failed.Field + ": ")}{failed.Message}");
        }
        var kinds = lines.Select(l => (string)l.Command["command"]!).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine($"{label}: {Plural(file.Events.Count, "event")}; {kinds.GetValueOrDefault("reportIncident")} reported, "
            + $"{kinds.GetValueOrDefault("reviseFigure")} figures revised and {kinds.GetValueOrDefault("reportFigure")} added, "
            + $"{kinds.GetValueOrDefault("correctIncident")} corrected, {kinds.GetValueOrDefault("retractIncident")} retracted, "
            + $"{kinds.GetValueOrDefault("registerActor")} actors registered; {report.Duplicates} already imported; {Plural(report.Events, "event")} appended");
        return Ok;
    }

    private static int RefuseFile(string error)
    {
        Output.Error(error);
        Output.Error("nothing of the file was stored; fix the line and import again");
        return BadInput;
    }

    /// <summary>The incidents earlier imports of a format made: the ones a later file may drop.</summary>
    private static async Task<IReadOnlyCollection<string>> IncidentsAsync(CliContext ctx, string prefix)
    {
        await using var cmd = ctx.Db.CreateCommand(Ledger.EventStore.SqlText.Get("incidents_with_prefix.sql"));
        cmd.Parameters.AddWithValue("prefix", prefix);
        var ids = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
