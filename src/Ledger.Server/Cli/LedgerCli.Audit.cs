using System.CommandLine;
using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Serialization;

namespace Ledger.Server.Cli;

/// <summary>The commands an auditor uses: verify (against a signed checkpoint), checkpoints and their key, releases.</summary>
public static partial class LedgerCli
{
    private static Command Verify()
    {
        var against = new Option<FileInfo>("--against") { Description = "a signed checkpoint (ledger checkpoint): also check that every event up to its position is the one signed" };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "the PEM public key the ledger published; required with --against (a checkpoint's own key proves nothing: anyone can sign one)" };
        var readModels = new Option<bool>("--read-models") { Description = "also fold the log again and compare what the read models serve (tallies, incidents, histories, sources), as of the checkpoint's position or at the head" };
        var command = new Command("verify", "re-check every stream's hash chain, and a signed checkpoint") { JsonOption, against, publicKey, readModels };
        command.SetAction(async parse =>
        {
            Checkpoint? checkpoint = null;
            System.Security.Cryptography.ECDsa? key = null;
            if (parse.GetValue(against) is { } file)
            {
                try { checkpoint = System.Text.Json.JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(file.FullName), LedgerJson.Options); }
                catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException) { Output.Error($"{file.FullName}: not a checkpoint ({ex.Message})"); return BadInput; }
                if (checkpoint is null) { Output.Error($"{file.FullName}: not a checkpoint"); return BadInput; }
                // A checkpoint carries its signer's public key, so any key "verifies" it: only the published key is proof.
                if (parse.GetValue(publicKey) is not { } pem)
                {
                    Output.Error("--against needs --public-key: the key the ledger published (FILE.pub of ledger checkpoint-key); a checkpoint's own key proves nothing");
                    return BadInput;
                }
                try { key = Checkpoint.LoadKey(pem.FullName, "--public-key"); }
                catch (FormatException ex) { Output.Error(ex.Message); return BadInput; }
            }
            await using var ctx = await CliContext.OpenAsync();
            var report = await ctx.Store.VerifyAsync();
            string? checkpointProblem = null;
            if (checkpoint is not null)
            {
                checkpointProblem = !checkpoint.IsSignedBy(key)
                    ? "the checkpoint was not signed by the given key, or its fields were changed"
                    : checkpoint.Mismatch(await PositionChain.AtAsync(ctx.Db, checkpoint.Position));
            }
            ReadModelReport? models = null;
            if (parse.GetValue(readModels))
            {
                // The read models answer for the log up to the point checked once they have applied it.
                await ctx.CatchUpAsync();
                var head = await ctx.Store.HeadPositionAsync();
                var at = checkpoint?.Position ?? head;
                models = await new ReadModelAudit(ctx.Db, ctx.Tallies, ctx.Incidents, new SourceQueries(ctx.Db)).CheckAsync(at, at == head);
            }
            var ok = report.Ok && checkpointProblem is null && models?.Ok != false;
            if (parse.GetValue(JsonOption)) Output.Json(new { report.Ok, report.StreamsChecked, report.EventsChecked, report.Broken, report.Gaps, report.RecordedGapPositions,
                Checkpoint = checkpoint is null ? null : new { checkpoint.Position, Ok = checkpointProblem is null, Problem = checkpointProblem }, ReadModels = models });
            else
            {
                Console.WriteLine($"{(report.Ok ? "ok" : "BROKEN")}: {report.StreamsChecked} streams, {report.EventsChecked} events checked");
                foreach (var b in report.Broken) Console.WriteLine($"  {b.StreamId} version {b.Version}{(b.EventId is null ? "" : $" ({b.EventId})")}: {b.Reason}");
                foreach (var g in report.Gaps)
                    Console.WriteLine($"  positions {g.First}{(g.Last == g.First ? "" : $"-{g.Last}")}: no event, and no write recorded leaving them (an event deleted, or a writer killed mid-transaction; verify --against an earlier checkpoint tells which)");
                if (checkpoint is not null)
                    Console.WriteLine(checkpointProblem is null
                        ? $"ok: the {checkpoint.Events:N0} events up to position {checkpoint.Position:N0} are the ones signed at {EventHash.FormatTime(checkpoint.SignedAt)}"
                        : $"CHECKPOINT MISMATCH: {checkpointProblem}");
                if (models is not null)
                {
                    Console.WriteLine(models.Ok
                        ? $"ok: the read models serve what the log says at position {models.Position:N0} ({models.Incidents:N0} incidents, {models.TallyRows:N0} tally rows, {models.Sources:N0} sources)"
                        : $"READ MODEL MISMATCH: {models.Differences.Count} rows differ from the fold of the log at position {models.Position:N0} (a rebuild restores them: ledger rebuild)");
                    foreach (var d in models.Differences.Take(50)) Console.WriteLine($"  {d.ReadModel} {d.Row}: the log says {d.Expected}; served {d.Served}");
                    if (models.Differences.Count > 50) Console.WriteLine($"  ... and {models.Differences.Count - 50} more (--json lists them all)");
                }
            }
            return ok ? Ok : Failure;
        });
        return command;
    }

    private static Command ReleaseCommand()
    {
        var name = new Argument<string>("name") { Description = "the release's name, a slug such as 2024-q1; never reused" };
        var position = new Option<long?>("--position") { Description = "the position to name (default: the head)" };
        var note = new Option<string?>("--note") { Description = "what the release is for" };
        var command = new Command("release", "name a point of the log for citing (signed when LEDGER_CHECKPOINT_KEY is set)") { name, position, note };
        command.SetAction(async parse =>
        {
            var releaseName = parse.GetValue(name)!;
            if (!Slug.IsValid(releaseName)) { Output.Error($"release name \"{releaseName}\" is not a slug (a-z, 0-9, '.', '_', '-')"); return BadInput; }
            System.Security.Cryptography.ECDsa? key = null;
            if (Environment.GetEnvironmentVariable("LEDGER_CHECKPOINT_KEY") is { Length: > 0 } keyPath)
            {
                try { key = Checkpoint.LoadKey(keyPath, "LEDGER_CHECKPOINT_KEY"); }
                catch (FormatException ex) { Output.Error(ex.Message); return BadInput; }
            }
            await using var ctx = await CliContext.OpenAsync();
            try
            {
                Output.Json(await new Releases.ReleaseBook(ctx.Db, key).CreateAsync(releaseName, parse.GetValue(position), parse.GetValue(note), "cli"));
                return Ok;
            }
            catch (Exception ex) when (ex is Releases.ReleaseExistsException or PositionBeyondHeadException) { Output.Error(ex.Message); return BadInput; }
        });
        return command;
    }

    private static Command CheckpointKeyCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "where to write the private key (PEM, readable by its owner only); the public key goes beside it as FILE.pub" };
        var command = new Command("checkpoint-key", "make the key that signs checkpoints; keep it away from the database and publish FILE.pub") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (path.Exists) { Output.Error($"{path.FullName} exists; checkpoints may have been signed with it"); return BadInput; }
            var (privatePem, publicPem) = Checkpoint.NewKey();
            WriteSecret(path.FullName, System.Text.Encoding.ASCII.GetBytes(privatePem));
            File.WriteAllText(path.FullName + ".pub", publicPem);
            Console.WriteLine(path.FullName + ".pub");
            return Ok;
        });
        return command;
    }

    private static Command CheckpointCommand()
    {
        var keyFile = new Option<FileInfo>("--key") { Description = "the private key (ledger checkpoint-key)", Required = true };
        var position = new Option<long?>("--position") { Description = "the position to sign (default: the head)" };
        var command = new Command("checkpoint", "sign what the ledger holds up to a position, as JSON on standard output") { keyFile, position };
        command.SetAction(async parse =>
        {
            System.Security.Cryptography.ECDsa key;
            try { key = Checkpoint.LoadKey(parse.GetValue(keyFile)!.FullName, "--key"); }
            catch (FormatException ex) { Output.Error(ex.Message); return BadInput; }
            using var signing = key;
            await using var ctx = await CliContext.OpenAsync();
            var head = await ctx.Store.HeadPositionAsync();
            var at = parse.GetValue(position) ?? head;
            if (at < 0 || at > head) { Output.Error($"--position {at} is beyond the head of the ledger ({head})"); return BadInput; }
            Output.Json(Checkpoint.Sign(await PositionChain.AtAsync(ctx.Db, at), key, DateTimeOffset.UtcNow));
            return Ok;
        });
        return command;
    }
}
