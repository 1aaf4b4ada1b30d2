using Ledger.Reliability;

// ops/reliability runs this against the checkout's private cluster (LEDGER_RELIABILITY_DB is its admin connection).
var quick = args.Contains("--quick");
var admin = Environment.GetEnvironmentVariable("LEDGER_RELIABILITY_DB") ?? throw new InvalidOperationException("run ops/reliability");
var dll = Environment.GetEnvironmentVariable("LEDGER_DLL") ?? throw new InvalidOperationException("run ops/reliability");
var opsPg = Environment.GetEnvironmentVariable("OPS_PG") ?? throw new InvalidOperationException("run ops/reliability");
var scenarios = new Scenarios(admin, dll, opsPg, TimeSpan.FromSeconds(quick ? 10 : 30));

// --only crash,pause runs some scenarios (import, crash, pause, silokill, restart, load, flood, emptykey); the default is all.
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
bool Runs(string name) => only is null || only.Contains(name);
var rows = new List<Row>();
if (Runs("import")) rows.Add(await scenarios.ImportCrashAsync());
if (Runs("crash")) rows.Add(await scenarios.ServerCrashAsync());
if (Runs("pause")) rows.Add(await scenarios.LeaderPausedAsync());
if (Runs("silokill")) rows.Add(await scenarios.SiloKillAsync());
if (Runs("restart")) rows.Add(await scenarios.DatabaseRestartAsync());
if (Runs("load")) rows.Add(await new Scenarios(admin, dll, opsPg, TimeSpan.FromSeconds(quick ? 10 : 60)).LoadAsync(64));
if (Runs("flood")) rows.Add(await scenarios.FloodAsync());
if (Runs("emptykey")) rows.Add(await scenarios.EmptyKeyFloodAsync());

Console.WriteLine();
Console.WriteLine($"{"scenario",-62} {"operations",10} {"acknowledged",12} {"found",8} {"lost",5} {"duplicated",10} {"5xx",6}  notes");
foreach (var r in rows)
    Console.WriteLine($"{r.Scenario,-62} {r.Operations,10} {r.Acknowledged,12} {r.Found,8} {r.Lost,5} {r.Duplicated,10} {r.ServerErrors,6}  {r.Notes}");
foreach (var r in rows.Where(r => !r.Passed))
    Console.WriteLine($"FAILED {r.Scenario}: {string.Join("; ", r.Failures.DefaultIfEmpty($"{r.Lost} lost, {r.Duplicated} duplicated"))}");
var failed = rows.Any(r => !r.Passed);
Console.WriteLine(failed ? "FAILED: see above" : "ok: every acknowledged write is stored exactly once, and every check of every scenario passed");
return failed ? 1 : 0;
