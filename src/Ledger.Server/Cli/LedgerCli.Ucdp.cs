using System.CommandLine;
using System.Text.Json;
using Ledger.Import;
using Ledger.Server.Formats;

namespace Ledger.Server.Cli;

public static partial class LedgerCli
{
    private static Command ImportUcdpCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "a UCDP GED CSV with the codebook's columns; - for standard input" };
        var version = new Option<string>("--version") { Description = "the GED version the file is, e.g. 25.1 (each import of a later version records UCDP's revisions)", Required = true };
        var recordedAs = new Option<string>("--as") { Description = "recordedBy on the imported events", DefaultValueFactory = _ => "import" };
        var command = new Command("import-ucdp", "import a UCDP GED version: events as incidents, UCDP's figures per side; a later version as revisions, corrections and retractions") { file, version, recordedAs };
        command.SetAction(async parse =>
        {
            var path = parse.GetValue(file)!;
            var named = parse.GetValue(version)!;
            if (!Slug.IsValid(named.ToLowerInvariant()) || named.Length > 20) { Output.Error($"--version \"{named}\" is not a version such as 25.1"); return BadInput; }
            if (path.Name != "-" && !path.Exists) { Output.Error($"{path.FullName} does not exist"); return BadInput; }
            (IReadOnlyList<GedEvent> Events, FormatError? Error) read;
            using (var input = path.Name == "-" ? Console.In : new StreamReader(path.FullName)) read = GedFile.Read(input);
            if (read.Error is { } bad) return Refuse(bad.ToString());

            await using var ctx = await CliContext.OpenAsync();
            var session = new ImportSession(ctx.Store, parse.GetValue(recordedAs)!, correlationId: "import-ucdp");
            var names = await ImportNames.LoadAsync(session, ctx.Directory);
            var earlier = await GedIncidentsAsync(ctx);
            var (lines, error) = await new GedImport(named, names.Names, session).LinesAsync(read.Events, earlier);
            if (error is not null) return Refuse(error.ToString());

            var ndjson = string.Join('\n', lines.Select(l => l.Command.ToJsonString()));
            var report = await WithProgress(p => new Importer(session, names).RunAsync(new StringReader(ndjson), allOrNothing: true, p));
            await ctx.CatchUpAsync();
            if (report.Error is { } failed)
            {
                var line = failed.Line >= 1 && failed.Line <= lines.Count ? lines[failed.Line - 1].Line : failed.Line;
                return Refuse($"line {line}: {(failed.Field is null ? "" : failed.Field + ": ")}{failed.Message}");
            }
            var kinds = lines.Select(l => (string)l.Command["command"]!).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
            Console.WriteLine($"UCDP GED {named}: {Plural(read.Events.Count, "event")}; {kinds.GetValueOrDefault("reportIncident")} reported, "
                + $"{kinds.GetValueOrDefault("reviseFigure")} figures revised and {kinds.GetValueOrDefault("reportFigure")} added, "
                + $"{kinds.GetValueOrDefault("correctIncident")} corrected, {kinds.GetValueOrDefault("retractIncident")} retracted, "
                + $"{kinds.GetValueOrDefault("registerActor")} actors registered; {report.Duplicates} already imported; {Plural(report.Events, "event")} appended");
            return Ok;
        });
        return command;

        static int Refuse(string error)
        {
            Output.Error(error);
            Output.Error("nothing of the file was stored; fix the line and import again");
            return BadInput;
        }
    }

    /// <summary>The incidents earlier GED imports made: the ones a later version may drop.</summary>
    private static async Task<IReadOnlyCollection<string>> GedIncidentsAsync(CliContext ctx)
    {
        await using var cmd = ctx.Db.CreateCommand("SELECT substr(id, 10) FROM ledger.mt_streams WHERE id LIKE 'incident-' || @prefix || '%'");
        cmd.Parameters.AddWithValue("prefix", GedImport.IncidentPrefix);
        var ids = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
