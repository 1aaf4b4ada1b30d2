using System.CommandLine;
using Ledger.Incidents;
using Ledger.EventStore;
using Ledger.Import;
using Ledger.Projections;
using Ledger.Serialization;
using Ledger.Server.Http;
using Spectre.Console;

namespace Ledger.Server.Cli;

/// <summary>`ledger serve | import | tallies | history | verify | checkpoint | checkpoint-key | release | rebuild | sources | regions`.
/// Exit codes: 0 ok, 1 failure, 2 bad usage or bad input.</summary>
public static partial class LedgerCli
{
    public const int Ok = 0, Failure = 1, BadInput = 2;

    private static readonly Option<bool> JsonOption = new("--json") { Description = "print JSON" };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("The incident ledger: casualty figures as immutable, hash-chained events, and the tallies they add up to.");
        root.Subcommands.Add(Serve());
        root.Subcommands.Add(ImportCommand());
        root.Subcommands.Add(ImportUcdpCommand());
        root.Subcommands.Add(ImportAcledCommand());
        root.Subcommands.Add(Tallies());
        root.Subcommands.Add(History());
        root.Subcommands.Add(Verify());
        root.Subcommands.Add(Rebuild());
        root.Subcommands.Add(Sources());
        root.Subcommands.Add(Regions());
        root.Subcommands.Add(ClusterCertificateCommand());
        root.Subcommands.Add(CheckpointKeyCommand());
        root.Subcommands.Add(CheckpointCommand());
        root.Subcommands.Add(ReleaseCommand());
        root.Subcommands.Add(DraftCommand());
        var parsed = root.Parse(args);
        if (UsageRefusal.Of(root, args, parsed) is { } refusal)
        {
            Output.Error(refusal);
            return BadInput;
        }
        try
        {
            // SIGTERM and Ctrl+C are the host's to handle (`serve` stops its silo and API gracefully); with
            // System.CommandLine handling them too, both completed one task and a stop ended in a crash report.
            return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (Npgsql.NpgsqlException ex)
        {
            Output.Error($"the database cannot be reached: {ex.Message}");
            return Failure;
        }
        catch (EarlierStoreException ex)
        {
            Output.Error(ex.Message);
            return Failure;
        }
    }

    private static Command Serve()
    {
        var command = new Command("serve", "serve the HTTP API (LEDGER_URLS, default http://127.0.0.1:5080)");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async parse =>
        {
            WebApplication app;
            try { app = Hosting.LedgerApp.Build([.. parse.UnmatchedTokens]); }
            catch (FormatException e) { Output.Error(e.Message); return BadInput; }
            if (Hosting.PortCheck.FirstTaken(app) is { } taken) { Output.Error(taken); return BadInput; }
            await app.RunAsync();
            return Ok;
        });
        return command;
    }

    private static Command DraftCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "the article as plain text (UTF-8); - for standard input" };
        var published = new Option<string>("--published") { Description = "when the article was published, yyyy-mm-dd (what \"today\" means)", Required = true };
        var source = new Option<string>("--source") { Description = "the publisher's source id, for figures no one else is said to give" };
        var url = new Option<string>("--url") { Description = "the article's address" };
        var language = new Option<string>("--language") { Description = "en or ar (default: told from the text)" };
        var command = new Command("draft", "draft incidents and figures from an article, as import lines (docs/CONTRACT.md §3) to check, edit and import")
            { file, published, source, url, language };
        command.SetAction(async parse =>
        {
            var path = parse.GetValue(file)!;
            if (path.Name != "-" && !path.Exists) { Output.Error($"{path.FullName} does not exist"); return BadInput; }
            var text = path.Name == "-" ? await Console.In.ReadToEndAsync() : await File.ReadAllTextAsync(path.FullName);
            if (!DateOnly.TryParseExact(parse.GetValue(published), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var day)) { Output.Error("--published must be a date as yyyy-mm-dd"); return BadInput; }
            var body = new Drafting.DraftEndpoints.DraftBody(text, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                parse.GetValue(url), parse.GetValue(source), parse.GetValue(language));
            if (Drafting.DraftEndpoints.Check(body, DateTimeOffset.UtcNow)?.Body is ProblemBody problem) { Output.Error($"{problem.Field}: {problem.Detail}"); return BadInput; }
            var request = new Ledger.Drafting.DraftRequest(text, body.PublishedAt, body.Url, body.Source?.Trim().ToLowerInvariant(), body.Language);
            // Offline: the gazetteer over the world's atlas, and the actors a new ledger starts with.
            var result = Ledger.Drafting.Drafter.Draft(request, new Ledger.Drafting.DraftVocabulary(Ledger.Regions.IsoCodes.Index, Ledger.Actors.SeedActors.Index));
            foreach (var line in Drafting.DraftLines.Of(result, request)) Console.WriteLine(line);
            foreach (var count in result.Counts)
                await Console.Error.WriteLineAsync($"ledger: not a casualty figure, perhaps a regional one: {count.Value} {count.Noun} (characters {count.Span.Start}-{count.Span.End})");
            return Ok;
        });
        return command;
    }

    /// <summary>A new file only its owner can read, made so from its creation (never readable by others for a moment,
    /// as writing first and restricting after left it), and never over an existing one.</summary>
    private static void WriteSecret(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new FileStream(path, options);
        file.Write(content);
    }

    private static Command ClusterCertificateCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "where to write the PKCS#12 file (readable by its owner only)" };
        var command = new Command("cluster-certificate", "make a certificate for the silos of one cluster to share (LEDGER_CLUSTER_CERT)") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (path.Exists) { Output.Error($"{path.FullName} exists; the cluster's nodes may be using it"); return BadInput; }
            WriteSecret(path.FullName, Hosting.ClusterCertificate.Create());
            Console.WriteLine(path.FullName);
            return Ok;
        });
        return command;
    }

    private static Command ImportCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "NDJSON: one command a line (docs/CONTRACT.md §3); - for standard input" };
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "store nothing unless every line is good" };
        var recordedAs = new Option<string>("--as") { Description = "recordedBy on the imported events", DefaultValueFactory = _ => "import" };
        var command = new Command("import", "import NDJSON commands, idempotently by line id") { file, allOrNothing, recordedAs };
        command.SetAction(async parse =>
        {
            var path = parse.GetValue(file)!;
            if (path.Name != "-" && !path.Exists) { Output.Error($"{path.FullName} does not exist"); return BadInput; }
            await using var ctx = await CliContext.OpenAsync();
            var session = new ImportSession(ctx.Store, parse.GetValue(recordedAs)!);
            var importer = new Importer(session, await ImportNames.LoadAsync(session, ctx.Directory));
            using var input = path.Name == "-" ? Console.In : new StreamReader(path.FullName);
            var report = await WithProgress(p => importer.RunAsync(input, parse.GetValue(allOrNothing), p));
            await ctx.CatchUpAsync();
            if (report.Error is null)
            {
                Console.WriteLine($"{Plural(report.Lines, "line")}: {report.Applied} applied, {report.Duplicates} already imported, " +
                    $"{Plural(report.Events, "event")} in {report.Elapsed.TotalSeconds:F1} s ({report.Events / Math.Max(report.Elapsed.TotalSeconds, 0.001):F0} events/s)");
                return Ok;
            }
            Output.Error(report.Error.ToString());
            // What is stored, counted right: all or nothing stores nothing; otherwise the lines before the bad one.
            Output.Error(parse.GetValue(allOrNothing) ? "nothing was stored (--all-or-nothing); fix the line and import again"
                : report.Error.Line == 1 ? "nothing was stored: the first line is the bad one; fix it and import again"
                : $"{Plural(report.Applied, "line")} before line {report.Error.Line} stored ({report.Duplicates} already imported); fix the line and import again: stored lines are skipped");
            return BadInput;
        });
        return command;
    }

    /// <summary>"1 line", "2 lines".</summary>
    private static string Plural(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n:N0} {noun}s";

    private static async Task<T> WithProgress<T>(Func<IProgress<ImportProgress>, Task<T>> run)
    {
        if (!Output.Terminal) return await run(new Progress<ImportProgress>(p => Console.WriteLine($"... {p.Lines} lines, {p.Events} events, {p.EventsPerSecond:F0} events/s")));
        T? report = default;
        await AnsiConsole.Status().StartAsync("importing", async status =>
            report = await run(new Progress<ImportProgress>(p => status.Status($"{p.Lines} lines, {p.Events} events, {p.EventsPerSecond:F0} events/s"))));
        return report!;
    }

    private static Command Tallies()
    {
        var names = new[] { "country", "admin1", "region", "from", "to", "category", "partyClass", "asOf", "asOfPosition", "release", "claims", "groupBy" };
        var options = names.Select(n => new Option<string>("--" + System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n), "--" + n)
            { Description = $"as the API's {n}" }).ToList();
        var csv = new Option<bool>("--csv") { Description = "print CSV with an HXL row" };
        var command = new Command("tallies", "low/best/high tallies, with the API's filters and groupBy");
        foreach (var o in options) command.Options.Add(o);
        command.Options.Add(JsonOption);
        command.Options.Add(csv);
        command.SetAction(async parse =>
        {
            await using var ctx = await CliContext.OpenAsync();
            await ctx.CatchUpAsync();
            var values = names.Zip(options).ToDictionary(p => p.First, p => parse.GetValue(p.Second));
            var q = new QueryParams(n => values.GetValueOrDefault(n));
            var filter = await q.TallyFilterAsync(ctx.Lookups);
            var groupBy = q.GroupBy("groupBy");
            if (q.Problem?.Body is ProblemBody p) { Output.Error($"--{p.Field}: {p.Detail}"); return BadInput; }
            TallyResult result;
            try { result = await ctx.Tallies.TalliesAsync(filter, groupBy); }
            catch (PositionBeyondHeadException beyond) { Output.Error($"--as-of-position: {beyond.Message}"); return BadInput; }
            if (parse.GetValue(JsonOption)) { Output.Json(result); return Ok; }
            var table = TallyTable.Of(result);
            var point = result.AsOfPosition is { } at ? await ReadPoint.AtAsync(ctx.Db, at) : null;
            if (parse.GetValue(csv)) Console.Write(table.ToCsv(point, values["release"]).ToString());
            else Output.Table(table.Columns.Select(c => c.Header).ToList(), table.Rows);
            return Ok;
        });
        return command;
    }

    private static Command History()
    {
        var incident = new Argument<string>("incident") { Description = "the incident's id" };
        var asOfPosition = new Option<string>("--as-of-position", "--asOfPosition") { Description = "only the events up to this global position" };
        var release = new Option<string>("--release") { Description = "only the events up to a named release" };
        var command = new Command("history", "every event of an incident, with each figure's value before and after") { incident, asOfPosition, release, JsonOption };
        command.SetAction(async parse =>
        {
            await using var ctx = await CliContext.OpenAsync();
            await ctx.CatchUpAsync();
            var q = new QueryParams(n => n switch { "asOfPosition" => parse.GetValue(asOfPosition), "release" => parse.GetValue(release), _ => null });
            var upTo = await q.AsOfPositionAsync(ctx.Lookups);
            if (q.Problem?.Body is ProblemBody bad) { Output.Error($"--{System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(bad.Field ?? "")}: {bad.Detail}"); return BadInput; }
            if (upTo is { } p && await ctx.Store.HeadPositionAsync() is var head && p > head)
            {
                Output.Error($"--as-of-position: {new PositionBeyondHeadException(p, head).Message}");
                return BadInput;
            }
            var history = (await ctx.Incidents.HistoryAsync(parse.GetValue(incident)!)).Where(h => upTo is null || h.Position <= upTo).ToList();
            if (history.Count == 0) { Output.Error($"there is no incident {parse.GetValue(incident)}"); return BadInput; }
            if (parse.GetValue(JsonOption)) { Output.Json(history); return Ok; }
            Output.Table(["version", "recorded at", "by", "event", "figure", "certainty", "before", "after", "disputed by", "counter value", "outcome", "reason"],
                history.Select(h => (IReadOnlyList<object?>)[h.Version, h.RecordedAt, h.RecordedBy, h.Type, h.FigureId,
                    h.Certainty is { } c ? FigureIds.Kebab(c) : null, h.ValueBefore, h.ValueAfter, h.DisputedBy, h.CounterValue,
                    h.Outcome is { } o ? FigureIds.Kebab(o) : null, h.Reason]));
            return Ok;
        });
        return command;
    }

    private static Command Rebuild()
    {
        var only = new Option<string>("--projection") { Description = "incidents, regions or sources (default: all)" };
        var command = new Command("rebuild", "rebuild the read models from the log") { only };
        command.SetAction(async parse =>
        {
            await using var ctx = await CliContext.OpenAsync();
            var projections = ctx.Runner.Projections.Where(p => parse.GetValue(only) is not { } name || p.Name == name).ToList();
            if (projections.Count == 0) { Output.Error($"no projection named {parse.GetValue(only)}"); return BadInput; }
            foreach (var p in projections)
            {
                var last = DateTime.MinValue;
                try
                {
                    await ctx.Runner.RebuildAsync(p, new Progress<RebuildProgress>(r =>
                    {
                        if (DateTime.UtcNow - last < TimeSpan.FromSeconds(1) && r.Position < r.Head) return;
                        last = DateTime.UtcNow;
                        Console.WriteLine($"{r.Projection}: {r.Position}/{r.Head}");
                    }));
                }
                catch (ProjectingElsewhereException e) { Output.Error(e.Message); return Failure; }
                Console.WriteLine($"{p.Name}: rebuilt");
            }
            return Ok;
        });
        return command;
    }

    private static Command Sources()
    {
        var command = new Command("sources", "registered sources and their ranks") { JsonOption };
        command.SetAction(async parse =>
        {
            await using var ctx = await CliContext.OpenAsync();
            await ctx.CatchUpAsync();
            var sources = await new SourceQueries(ctx.Db).ListAsync();
            if (parse.GetValue(JsonOption)) Output.Json(sources);
            else Output.Table(["id", "name", "kind", "rank"], sources.Select(s => (IReadOnlyList<object?>)[s.Id, s.Name, FigureIds.Kebab(s.Kind), s.EffectiveRank]));
            return Ok;
        });
        return command;
    }

    private static Command Regions()
    {
        var command = new Command("regions", "governorates and defined regions, with their aliases") { JsonOption };
        command.SetAction(async parse =>
        {
            await using var ctx = await CliContext.OpenAsync();
            await ctx.CatchUpAsync();
            var regions = (await ctx.Lookups.HeldRegionsAsync()).OrderBy(r => r.RegionId, StringComparer.Ordinal).ToList();
            if (parse.GetValue(JsonOption)) Output.Json(regions);
            else Output.Table(["id", "name", "country", "level", "aliases / members"],
                regions.Select(r => (IReadOnlyList<object?>)[r.RegionId, r.Name, r.Country, FigureIds.Kebab(r.Level), string.Join(", ", r.Aliases.Concat(r.Members))]));
            return Ok;
        });
        return command;
    }
}
