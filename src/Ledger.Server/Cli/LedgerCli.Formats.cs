using System.CommandLine;
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
            if (ForeignImport.VersionProblem(named) is { } wrong) { Output.Error($"--version {wrong}"); return BadInput; }
            return await ImportFormatAsync(parse.GetValue(file)!, parse.GetValue(RecordedAs)!, ForeignImport.Ged(named));
        });
        return command;
    }

    private static Command ImportAcledCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "an ACLED CSV export with the codebook's columns; - for standard input" };
        var command = new Command("import-acled", "import an ACLED export: events as incidents with ACLED's fatalities; a newer export as revisions, corrections and retractions") { file, RecordedAs };
        command.SetAction(async parse => await ImportFormatAsync(parse.GetValue(file)!, parse.GetValue(RecordedAs)!, ForeignImport.Acled));
        return command;
    }

    private static async Task<int> ImportFormatAsync<TEvent>(FileInfo path, string recordedAs, ForeignImport.Format<TEvent> format)
    {
        if (path.Name != "-" && !path.Exists) { Output.Error($"{path.FullName} does not exist"); return BadInput; }
        await using var ctx = await CliContext.OpenAsync();
        (ForeignImportReport? Report, string? Refusal) result;
        using (var input = path.Name == "-" ? Console.In : new StreamReader(path.FullName))
            result = await WithProgress(p => ForeignImport.RunAsync(format, input, ctx.Store, ctx.Db, recordedAs, p));
        await ctx.CatchUpAsync();
        if (result.Refusal is { } refusal)
        {
            Output.Error(refusal);
            Output.Error("nothing of the file was stored; fix the line and import again");
            return BadInput;
        }
        Console.WriteLine(result.Report!.ToString());
        return Ok;
    }
}
