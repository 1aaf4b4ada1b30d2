using System.Text.Json.Nodes;
using Ledger.EventStore;
using Ledger.Import;
using Ledger.Projections;
using Ledger.Server.Cli;
using Npgsql;

namespace Ledger.Server.Formats;

/// <summary>What a foreign file's import stored: its events, each kind of command, what an earlier import already
/// held, and the events appended.</summary>
public sealed record ForeignImportReport(string File, int Events, int Reported, int FiguresRevised, int FiguresAdded, int Corrected, int Retracted,
    int ActorsRegistered, int AlreadyImported, long Appended)
{
    public override string ToString() =>
        $"{File}: {Events:N0} event{(Events == 1 ? "" : "s")}; {Reported} reported, {FiguresRevised} figures revised and {FiguresAdded} added, {Corrected} corrected, "
        + $"{Retracted} retracted, {ActorsRegistered} actors registered; {AlreadyImported:N0} already imported; {Appended:N0} event{(Appended == 1 ? "" : "s")} appended";
}

/// <summary>
/// A UCDP GED or ACLED file, read and checked whole, becomes import lines that go through the one command path, all or
/// nothing: the same for `ledger import-ucdp`/`import-acled` and for an editor's POST to /api/imports/ucdp or /acled.
/// A refusal names the file's line (not the import line's) and the column.
/// </summary>
public static class ForeignImport
{
    public delegate Task<(IReadOnlyList<(int Line, JsonObject Command)> Lines, FormatError? Error)> Translation<TEvent>(
        IReadOnlyList<TEvent> events, Names.NameResolver names, ImportSession session, IReadOnlyCollection<string> earlier);

    public sealed record Format<TEvent>(string Label, Func<TextReader, (IReadOnlyList<TEvent> Events, FormatError? Error)> Read, string IncidentPrefix,
        Translation<TEvent> Translate);

    public static Format<GedEvent> Ged(string version) => new($"UCDP GED {version}", GedFile.Read, GedImport.IncidentPrefix,
        (events, names, session, earlier) => new GedImport(version, names, session).LinesAsync(events, earlier));

    public static readonly Format<AcledEvent> Acled = new("ACLED", AcledFile.Read, AcledImport.IncidentPrefix,
        (events, names, session, earlier) => new AcledImport(names, session).LinesAsync(events, earlier));

    /// <summary>A version as UCDP names them (25.1), or why not.</summary>
    public static string? VersionProblem(string version) =>
        Slug.IsValid(version.ToLowerInvariant()) && version.Length <= 20 ? null : $"\"{version}\" is not a version such as 25.1";

    public static async Task<(ForeignImportReport? Report, string? Refusal)> RunAsync<TEvent>(Format<TEvent> format, TextReader input, IEventStore store,
        NpgsqlDataSource db, string recordedBy, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var (events, bad) = format.Read(input);
        if (bad is not null) return (null, bad.ToString());
        var session = new ImportSession(store, recordedBy, correlationId: "import-" + format.IncidentPrefix.TrimEnd('-'));
        var names = await ImportNames.LoadAsync(session, new RegionDirectory(db));
        var (lines, error) = await format.Translate(events, names.Names, session, await IncidentsAsync(db, format.IncidentPrefix, ct));
        if (error is not null) return (null, error.ToString());
        var ndjson = string.Join('\n', lines.Select(l => l.Command.ToJsonString()));
        var report = await new Importer(session, names).RunAsync(new StringReader(ndjson), allOrNothing: true, progress, ct);
        if (report.Error is { } failed)
        {
            var line = failed.Line >= 1 && failed.Line <= lines.Count ? lines[failed.Line - 1].Line : failed.Line;
            return (null, $"line {line}: {(failed.Field is null ? "" : failed.Field + ": ")}{failed.Message}");
        }
        var kinds = lines.Select(l => (string)l.Command["command"]!).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return (new ForeignImportReport(format.Label, events.Count, kinds.GetValueOrDefault("reportIncident"), kinds.GetValueOrDefault("reviseFigure"),
            kinds.GetValueOrDefault("reportFigure"), kinds.GetValueOrDefault("correctIncident"), kinds.GetValueOrDefault("retractIncident"),
            kinds.GetValueOrDefault("registerActor"), report.Duplicates, report.Events), null);
    }

    /// <summary>The incidents earlier imports of a format made: the ones a later file may drop.</summary>
    private static async Task<IReadOnlyCollection<string>> IncidentsAsync(NpgsqlDataSource db, string prefix, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("incidents_with_prefix.sql"));
        cmd.Parameters.AddWithValue("prefix", prefix);
        var ids = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }
}
