using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Import;
using Ledger.Incidents;
using Ledger.Regions;
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

    private async Task<(ImportStep? Step, ImportError? Error)> ExecuteLineAsync(JsonObject obj, int lineNo)
    {
        var command = Text(obj, "command");
        var id = Text(obj, "id");
        if (command is null) return (null, new ImportError(lineNo, "command", "each line names its command, e.g. \"command\": \"reportIncident\""));
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200) return (null, new ImportError(lineNo, "id", "each line has an id of 1 to 200 characters: its idempotency key"));
        var ids = UrlIds.ToDictionary(k => k, k => Text(obj, k));
        foreach (var k in UrlIds) obj.Remove(k);
        var commandId = "import/" + id;

        try
        {
            var (step, problem) = command switch
            {
                "registerSource" => await Run<RegisterSourceRequest>(With(obj, "id", ids["sourceId"]), r => session.SourceAsync(commandId, Translate.RegisterSource(r))),
                "defineRegion" => await Run<DefineRegionRequest>(With(obj, "id", ids["regionId"]), async r =>
                {
                    var (c, p) = await Translate.DefineRegion(r, null, names.Names);
                    if (p is not null) return Refused(p);
                    var step = await session.RegionAsync(commandId, c!, r.Id);
                    if (step.Status == ImportStatus.Applied) names.Defined(Definition((DefineRegion)c!));
                    return step;
                }),
                "reportIncident" => await Run<ReportIncidentRequest>(obj, async r =>
                {
                    if (ids["incidentId"] is not { } incident) return Missing("incidentId");
                    var (c, p) = await Translate.ReportIncident(r, incident, names.Names);
                    return p is not null ? Refused(p) : await session.IncidentAsync(commandId, c!, incident);
                }),
                "reportFigure" => await Run<FigureRequest>(obj, async r =>
                {
                    if (ids["incidentId"] is not { } incident) return Missing("incidentId");
                    var (c, p) = await Translate.Figure(r, names.Names);
                    return p is not null ? Refused(p) : await session.IncidentAsync(commandId, c!, incident);
                }),
                "reviseFigure" => await OnFigure<ReviseFigureRequest>(obj, ids, commandId, Translate.Revise),
                "disputeFigure" => await Run<DisputeFigureRequest>(obj, async r =>
                {
                    if (ids["incidentId"] is not { } incident) return Missing("incidentId");
                    if (ids["figureId"] is not { } figure) return Missing("figureId");
                    var (c, p) = await Translate.Dispute(figure, r, names.Names);
                    return p is not null ? Refused(p) : await session.IncidentAsync(commandId, c!, incident);
                }),
                "retractFigure" => await OnFigure<RetractionRequest>(obj, ids, commandId, Translate.RetractFigure),
                "resolveDispute" => await Run<ResolveDisputeRequest>(obj, r =>
                    ids["incidentId"] is not { } incident ? Task.FromResult(Missing("incidentId"))
                    : ids["disputeId"] is not { } dispute ? Task.FromResult(Missing("disputeId"))
                    : session.IncidentAsync(commandId, Translate.Resolve(dispute, r), incident)),
                "correctIncident" => await Run<CorrectionRequest>(obj, async r =>
                {
                    if (ids["incidentId"] is not { } incident) return Missing("incidentId");
                    var (c, p) = await Translate.Correction(r, names.Names);
                    return p is not null ? Refused(p) : await session.IncidentAsync(commandId, c!, incident);
                }),
                "retractIncident" => await Run<RetractionRequest>(obj, r =>
                    ids["incidentId"] is not { } incident ? Task.FromResult(Missing("incidentId"))
                    : session.IncidentAsync(commandId, Translate.RetractIncident(r), incident)),
                "reportRegionalFigure" => await Run<RegionalFigureRequest>(obj, async r =>
                {
                    var region = await names.Names.RegionAsync(ids["regionId"]);
                    if (region is null) return Missing("regionId");
                    var (c, p) = await Translate.RegionalFigure(r, names.Names);
                    return p is not null ? Refused(p) : await session.RegionAsync(commandId, c!, region.RegionId);
                }),
                "reviseRegionalFigure" => await OnRegionalFigure<ReviseFigureRequest>(obj, ids, commandId, Translate.ReviseRegional),
                "disputeRegionalFigure" => await Run<DisputeFigureRequest>(obj, async r =>
                {
                    var region = await names.Names.RegionAsync(ids["regionId"]);
                    if (region is null) return Missing("regionId");
                    if (ids["figureId"] is not { } figure) return Missing("figureId");
                    var (c, p) = await Translate.DisputeRegional(figure, r, names.Names);
                    return p is not null ? Refused(p) : await session.RegionAsync(commandId, c!, region.RegionId);
                }),
                "addRegionAlias" => await Run<Endpoints.RegionEndpoints.RegionAliasRequest>(obj, async r =>
                {
                    var index = await names.RegionsAsync(false);
                    if (ids["regionId"] is not { } regionId) return Missing("regionId");
                    if (index.Resolve(regionId) is not { } region) return Refused(Problems.Invalid($"there is no region \"{regionId}\"", "regionId"));
                    if (index.Resolve(r.Alias) is { } other && other.RegionId != region.RegionId && index.Holds(other.RegionId))
                        return Refused(Problems.Invalid($"\"{r.Alias}\" already names {other.Name} ({other.RegionId}): two regions cannot share a name", "alias"));
                    var step = await session.RegionAsync(commandId, new AddRegionAlias(r.Alias, r.PCode, r.Reason, index.Holds(region.RegionId) ? null : region), region.RegionId);
                    if (step.Status == ImportStatus.Applied)
                        names.Defined((await session.StateAsync(RegionDecider.Kind, region.RegionId)).Definition!);
                    return step;
                }),
                "registerActor" => await Run<Endpoints.ActorEndpoints.RegisterActorRequest>(With(obj, "id", ids["actorId"]), r => ActorAsync(r.Id, commandId, r.ToCommand())),
                "addActorAlias" => await Run<Endpoints.ActorEndpoints.AliasRequest>(obj, r => ActorAsync(ids["actorId"], commandId, new Actors.AddActorAlias(r.Alias, r.Reason))),
                "removeActorAlias" => await Run<Endpoints.ActorEndpoints.AliasRequest>(obj, r => ActorAsync(ids["actorId"], commandId, new Actors.RemoveActorAlias(r.Alias, r.Reason))),
                "renameActor" => await Run<Endpoints.ActorEndpoints.RenameRequest>(obj, r => ActorAsync(ids["actorId"], commandId, new Actors.RenameActor(r.Name, r.NameAr, r.Reason))),
                "mergeActor" => await Run<Endpoints.ActorEndpoints.MergeRequest>(obj, async r =>
                    await ActorAsync(ids["actorId"], commandId, new Actors.MergeActor((await names.ActorsAsync()).Resolve(r.Into)?.Id ?? r.Into, r.Reason))),
                _ => (null, Problems.BadRequest($"unknown command \"{command}\"", "command")),
            };
            if (problem?.Body is ProblemBody pb) return (null, new ImportError(lineNo, pb.Field, pb.Detail));
            if (step!.Status == ImportStatus.Refused) return (null, new ImportError(lineNo, step.Error!.Field, step.Error.Message));
            return (step, null);
        }
        catch (MissingIdException ex)
        {
            return (null, new ImportError(lineNo, ex.Field, $"{command} needs \"{ex.Field}\", the id its URL would carry"));
        }
    }

    /// <summary>An actor command, checked against the registry as the API checks it (a name another actor holds, a merge
    /// target); once applied, the actor's names resolve on the next line.</summary>
    private async Task<ImportStep> ActorAsync(string? actorId, string commandId, Actors.ActorCommand command)
    {
        if (actorId is null) return Missing("actorId");
        if (Slug.Check(actorId, "actorId") is { } bad) return new ImportStep(ImportStatus.Refused, 0, bad);
        if ((await names.ActorsAsync()).Check(actorId, command) is { } clash) return new ImportStep(ImportStatus.Refused, 0, clash);
        var step = await session.ActorAsync(commandId, command, actorId);
        if (step.Status == ImportStatus.Applied) names.ActorChanged(await session.StateAsync(Actors.ActorDecider.Kind, actorId));
        return step;
    }

    private async Task<(ImportStep?, Reply?)> OnFigure<T>(JsonObject obj, Dictionary<string, string?> ids, string commandId, Func<string, T, IncidentCommand> make) where T : class =>
        await Run<T>(obj, r => ids["incidentId"] is not { } incident ? Task.FromResult(Missing("incidentId"))
            : ids["figureId"] is not { } figure ? Task.FromResult(Missing("figureId"))
            : session.IncidentAsync(commandId, make(figure, r), incident));

    private async Task<(ImportStep?, Reply?)> OnRegionalFigure<T>(JsonObject obj, Dictionary<string, string?> ids, string commandId, Func<string, T, RegionCommand> make) where T : class =>
        await Run<T>(obj, async r =>
        {
            var region = await names.Names.RegionAsync(ids["regionId"]);
            if (region is null) return Missing("regionId");
            return ids["figureId"] is not { } figure ? Missing("figureId") : await session.RegionAsync(commandId, make(figure, r), region.RegionId);
        });

    private static async Task<(ImportStep?, Reply?)> Run<T>(JsonObject body, Func<T, Task<ImportStep>> execute) where T : class
    {
        byte[] bytes;
        try { bytes = JsonSerializer.SerializeToUtf8Bytes(body); }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, Problems.BadRequest($"the line cannot be read as JSON text: {ex.InnerException?.Message ?? ex.Message}")); // e.g. a lone UTF-16 surrogate
        }
        var (request, bad) = JsonBody.Read<T>(bytes);
        return bad is not null ? (null, bad) : (await execute(request!), null);
    }

    private static ImportStep Refused(Reply problem)
    {
        var p = (ProblemBody)problem.Body!;
        return new ImportStep(ImportStatus.Refused, 0, DomainError.Invalid(p.Field ?? "", p.Detail));
    }

    private static ImportStep Missing(string field) => throw new MissingIdException(field);

    private static RegionDefined Definition(DefineRegion c) =>
        new(c.RegionId, c.Name, c.Country, c.Level, c.ParentId, c.Aliases ?? [], c.Members ?? [], c.NameAr, c.IsoCode);

    private static JsonObject With(JsonObject obj, string key, string? value)
    {
        if (value is not null) obj[key] = value;
        return obj;
    }

    private static string? Text(JsonObject obj, string key) =>
        obj.TryGetPropertyValue(key, out var node) && node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private sealed class MissingIdException(string field) : Exception(field)
    {
        public string Field { get; } = field;
    }
}
