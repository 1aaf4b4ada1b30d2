using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Import;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Grains;
using Ledger.Server.Commands;
using Ledger.Server.Http;
using Ledger.Sources;

namespace Ledger.Server.Cli;

public sealed record ImportError(int Line, string? Field, string Message)
{
    public override string ToString() => $"line {Line}: {(Field is null ? "" : Field + ": ")}{Message}";
}

public sealed record ImportReport(int Lines, int Applied, int Duplicates, long Events, TimeSpan Elapsed, ImportError? Error);

public sealed record ImportProgress(int Lines, long Events, double EventsPerSecond);

/// <summary>
/// `ledger import`: NDJSON of docs/CONTRACT.md §3, one command a line, each the API's body plus the ids its URL would
/// carry. `id` is the line's idempotency key. Events go out in chunks of many streams per transaction; a bad
/// line stops the import with its number, every earlier line applied (or nothing, with all-or-nothing).
/// </summary>
public sealed class Importer(ImportSession session, ImportNames names, int chunkEvents = 5000)
{
    private readonly CommandService commands = new(session, names.Names);

    /// <summary>Who the events say recorded them is the session's; the metadata's name is not read by a batch.</summary>
    private const string RecordedBy = "import";

    private static readonly string[] UrlIds = ["id", "command", "incidentId", "figureId", "regionId", "disputeId", "sourceId", "actorId"];

    private const int ChunkLines = 2000;

    /// <summary>The longest line an import takes: a command with 1,700 figures is about 400 kB; a longer line is refused
    /// before it is held whole in memory.</summary>
    public const int MaxLineChars = 1 << 20;

    public async Task<ImportReport> RunAsync(TextReader input, bool allOrNothing, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        int lineNo = 0, applied = 0, duplicates = 0;
        long events = 0;
        ImportError? error = null;
        var lastReport = TimeSpan.Zero;
        var chunk = new List<(int Line, JsonObject? Command, ImportError? Error)>();
        while (error is null)
        {
            // Read ahead a chunk, so that the streams its lines touch load in one query.
            chunk.Clear();
            while (chunk.Count < ChunkLines && await CappedLines.ReadAsync(input, MaxLineChars, ct) is { } line)
            {
                lineNo++;
                if (line.TooLong)
                {
                    chunk.Add((lineNo, null, new ImportError(lineNo, null, $"line {lineNo} is longer than {MaxLineChars:N0} characters: no command is that long")));
                    break;
                }
                if (string.IsNullOrWhiteSpace(line.Text)) continue;
                var (command, fault) = Parse(line.Text, lineNo);
                chunk.Add((lineNo, command, fault));
                if (fault is not null) break;
            }
            if (chunk.Count == 0) break;
            await session.PrefetchAsync(chunk.Where(c => c.Command is not null).SelectMany(c => StreamsOf(c.Command!)), ct);

            foreach (var (line, command, fault) in chunk)
            {
                var (step, refusal) = fault is null ? await ExecuteLineAsync(command!, line) : (null, fault);
                if (refusal is not null) { error = refusal; break; }
                if (step!.Status == ImportStatus.Duplicate) duplicates++;
                else applied++;
                if (!allOrNothing && session.PendingEvents >= chunkEvents) events += await session.FlushInBackgroundAsync(ct);
            }
            if (progress is not null && clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(500))
            {
                lastReport = clock.Elapsed;
                var seen = events + session.InFlightEvents + session.PendingEvents;
                progress.Report(new ImportProgress(lineNo, seen, seen / clock.Elapsed.TotalSeconds));
            }
        }
        if (error is not null && allOrNothing) session.Discard();
        else events += await session.FlushAsync(ct);
        return new ImportReport(lineNo, applied, duplicates, events, clock.Elapsed, error);
    }

    private static (JsonObject? Command, ImportError? Error) Parse(string line, int lineNo)
    {
        try
        {
            var command = JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) as JsonObject
                ?? throw new JsonException("a line must be a JSON object");
            Materialize(command);
            return (command, null);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return (null, new ImportError(lineNo, null, $"not valid JSON: {JsonFault(ex)}"));
        }
    }

    /// <summary>What is wrong with a line, in the ledger's words rather than the parser's ("Change the reader options.
    /// LineNumber: 0" says nothing to a coder); where the parser names a character position, it is kept.</summary>
    private static string JsonFault(Exception ex)
    {
        if (ex is ArgumentException) return "a key is given twice in one object";
        if (ex.Message.StartsWith("a line must", StringComparison.Ordinal)) return ex.Message;
        var at = System.Text.RegularExpressions.Regex.Match(ex.Message, @"BytePositionInLine: (\d+)");
        var where = at.Success ? $" (near character {int.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1})" : "";
        return ex.Message.Contains("should be closed", StringComparison.Ordinal) || ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
                ? "the line ends before its JSON does (a missing } or \"?)" + where
            : ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase) ? "objects are nested deeper than 16 levels"
            : ex.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("UTF", StringComparison.Ordinal)
                ? "a string holds text that is not well-formed Unicode" + where
            : "the line is not one JSON object" + where;
    }

    /// <summary>JsonNode parses lazily: walk the tree now, so that a key given twice anywhere, or a string that is not
    /// well-formed Unicode ("\ud800" alone, which only fails when read), fails here, on its line.</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o: foreach (var (_, v) in o) Materialize(v); break;
            case JsonArray a: foreach (var v in a) Materialize(v); break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String: _ = v.GetValue<string>(); break;
        }
    }

    private static IEnumerable<string> StreamsOf(JsonObject command)
    {
        if (Text(command, "incidentId") is { } incident && Slug.IsValid(incident)) yield return IncidentDecider.Kind.StreamFor(incident);
        if (Text(command, "regionId") is { } region && Slug.IsValid(region)) yield return RegionDecider.Kind.StreamFor(region);
        if (Text(command, "sourceId") is { } source && Slug.IsValid(source)) yield return SourceDecider.Kind.StreamFor(source);
        if (Text(command, "actorId") is { } actor && Slug.IsValid(actor)) yield return Actors.ActorDecider.Kind.StreamFor(actor);
    }

    /// <summary>One line through the command map and the command service, as the API sends its requests: the line's
    /// command names the route, its id fields are the ids the route's URL would carry, the rest is the body.</summary>
    private async Task<(ImportStep? Step, ImportError? Error)> ExecuteLineAsync(JsonObject obj, int lineNo)
    {
        var command = Text(obj, "command");
        var id = Text(obj, "id");
        if (command is null) return (null, new ImportError(lineNo, "command", "each line names its command, e.g. \"command\": \"reportIncident\""));
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200) return (null, new ImportError(lineNo, "id", "each line has an id of 1 to 200 characters: its idempotency key"));
        if (!LedgerCommands.ByName.TryGetValue(command, out var route))
            return (null, new ImportError(lineNo, "command", $"unknown command \"{command}\"; the commands are {string.Join(", ", LedgerCommands.ByName.Keys)}"));
        var ids = UrlIds.ToDictionary(k => k, k => Text(obj, k));
        foreach (var k in UrlIds) obj.Remove(k);
        if (route.Ids.FirstOrDefault(k => ids[k] is null) is { } missing)
            return (null, new ImportError(lineNo, missing, $"{command} needs \"{missing}\", the id its URL would carry"));
        // Where the API takes the new stream's id in the body, the line gives it as its id field.
        if (route.IdInBody) obj["id"] = ids[route.Ids[0]];

        byte[] body;
        try { body = JsonSerializer.SerializeToUtf8Bytes(obj); }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // e.g. a lone UTF-16 surrogate
            return (null, new ImportError(lineNo, null, $"the line cannot be read as JSON text: {ex.InnerException?.Message ?? ex.Message}"));
        }
        var (answered, problem) = await commands.HandleAsync(route, body, new CommandIds(ids), new CommandMetadata(RecordedBy, "import", "import/" + id));
        if (problem?.Body is ProblemBody pb) return (null, new ImportError(lineNo, pb.Field, pb.Detail));
        return (new ImportStep(answered!.Outcome.Status == CommandStatus.Duplicate ? ImportStatus.Duplicate : ImportStatus.Applied, answered.Outcome.Events.Count), null);
    }

    private static string? Text(JsonObject obj, string key) =>
        obj.TryGetPropertyValue(key, out var node) && node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
