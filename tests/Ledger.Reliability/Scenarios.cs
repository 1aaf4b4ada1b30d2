using System.Diagnostics;
using Npgsql;

namespace Ledger.Reliability;

/// <summary>Each scenario runs against real processes on a fresh database and reports what it acknowledged
/// and what the store holds. Every test targets 127.0.0.1 only and stops by itself.</summary>
public sealed class Scenarios(string admin, string ledgerDll, string opsPg, TimeSpan duration)
{
    private async Task<(NpgsqlDataSource Db, string Connection)> FreshDatabaseAsync(string name)
    {
        var db = $"rel_{name}_{DateTime.UtcNow:HHmmss}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {db} WITH (FORCE); CREATE DATABASE {db}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = db }.ConnectionString;
        return (NpgsqlDataSource.Create(connection), connection);
    }

    private static async Task RegisterSourceAsync(string url) =>
        await Clients.Http(url).PostAsync("/api/sources", Clients.Json("""{"id": "sohr", "name": "SOHR", "kind": "monitor"}"""));

    public async Task<Row> ImportCrashAsync()
    {
        var (db, connection) = await FreshDatabaseAsync("import");
        var file = Path.Combine(Path.GetTempPath(), $"reliability-{Guid.NewGuid():N}.ndjson");
        const int lines = 40_000;
        await File.WriteAllLinesAsync(file, new[] { """{"command":"registerSource","id":"src","sourceId":"sohr","name":"SOHR","kind":"monitor"}""" }
            .Concat(Enumerable.Range(0, lines).Select(i => "{\"command\":\"reportIncident\",\"id\":\"l" + i + "\",\"incidentId\":\"imp-" + i + "\"," + Clients.Body(i) + "}")));
        try
        {
            var first = Process.Start(new ProcessStartInfo("dotnet", [ledgerDll, "import", file]) { Environment = { ["LEDGER_DB"] = connection }, RedirectStandardOutput = true })!;
            for (var i = 0; i < 600 && await CountAsync(db, "SELECT count(*) FROM ledger.streams WHERE stream_id LIKE 'incident-imp-%'") == 0; i++) await Task.Delay(50);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var partial = await CountAsync(db, "SELECT count(*) FROM ledger.streams WHERE stream_id LIKE 'incident-imp-%'");
            var second = Process.Start(new ProcessStartInfo("dotnet", [ledgerDll, "import", file]) { Environment = { ["LEDGER_DB"] = connection }, RedirectStandardOutput = true })!;
            await second.WaitForExitAsync();
            var once = await CountAsync(db, "SELECT count(*) FROM (SELECT causation_id FROM ledger.events WHERE stream_id LIKE 'incident-imp-%' GROUP BY causation_id HAVING count(*) = 2) x");
            var twice = await CountAsync(db, "SELECT count(*) FROM (SELECT causation_id FROM ledger.events WHERE stream_id LIKE 'incident-imp-%' GROUP BY causation_id HAVING count(*) > 2) x");
            var live = await CountAsync(db, "SELECT coalesce(sum(best), 0) FROM projections.tally_contributions WHERE valid_to IS NULL");
            var rebuild = Process.Start(new ProcessStartInfo("dotnet", [ledgerDll, "rebuild"]) { Environment = { ["LEDGER_DB"] = connection }, RedirectStandardOutput = true })!;
            await rebuild.WaitForExitAsync();
            var rebuilt = await CountAsync(db, "SELECT coalesce(sum(best), 0) FROM projections.tally_contributions WHERE valid_to IS NULL");
            return new Row("kill -9 during import, then import again", lines, second.ExitCode == 0 ? lines : 0, once, lines - once - twice, twice, 0,
                $"killed after {partial:N0} incidents; projections {(live == rebuilt ? "equal" : "DIFFER FROM")} a rebuild");
        }
        finally
        {
            File.Delete(file);
            await db.DisposeAsync();
        }
    }

    public async Task<Row> ServerCrashAsync()
    {
        var (db, connection) = await FreshDatabaseAsync("crash");
        using var a = new LedgerProcess(ledgerDll, connection);
        using var b = new LedgerProcess(ledgerDll, connection);
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());
        await RegisterSourceAsync(a.Url);
        var clients = new Clients();
        var killed = false;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var url = w % 2 == 0 && !Volatile.Read(ref killed) ? a.Url : b.Url;
                var id = $"w{w}-{n}";
                if (await clients.SendAsync(Clients.Http(url), HttpMethod.Post, "/api/incidents", Clients.Report(id, n))) clients.AcknowledgedIncidents.Add(id);
            }
        })).ToList();
        await Task.Delay(duration / 2);
        a.KillHard();
        Volatile.Write(ref killed, true);
        await Task.WhenAll(writers);
        var caughtUp = await WaitCaughtUpAsync(db, TimeSpan.FromSeconds(60));
        var (found, lost, duplicated) = await clients.CheckAsync(db);
        var projected = await CountAsync(db, "SELECT count(*) FROM projections.incidents");
        var stored = await CountAsync(db, "SELECT count(*) FROM ledger.streams WHERE stream_id LIKE 'incident-%'");
        await db.DisposeAsync();
        return new Row("kill -9 one of two servers under write load", clients.Operations, clients.Acknowledged, found, lost, duplicated, clients.ServerErrors,
            $"survivor {(caughtUp && projected == stored ? "took over the projections and caught up" : "DID NOT catch up")}; p99 {clients.P99:F0} ms");
    }

    public async Task<Row> DatabaseRestartAsync()
    {
        var (db, connection) = await FreshDatabaseAsync("restart");
        using var node = new LedgerProcess(ledgerDll, connection);
        await node.WaitReadyAsync();
        await RegisterSourceAsync(node.Url);
        var clients = new Clients();
        var clock = Stopwatch.StartNew();
        var work = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var http = Clients.Http(node.Url);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var id = $"r{w}-{n}";
                if (w % 4 == 0) await clients.SendAsync(http, HttpMethod.Get, "/api/tallies?groupBy=admin1");
                else if (await clients.SendAsync(http, HttpMethod.Post, "/api/incidents", Clients.Report(id, n))) clients.AcknowledgedIncidents.Add(id);
            }
        })).ToList();
        await Task.Delay(duration / 3);
        Run(opsPg, "stop");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var readyWhileDown = (int)(await Probe(node.Url + "/health/ready"));
        Run(opsPg, "start");
        NpgsqlConnection.ClearAllPools(); // this harness's own pooled connections died with the server
        await Task.WhenAll(work);
        var readyAfter = 0;
        for (var i = 0; i < 60 && readyAfter != 200; i++) { readyAfter = (int)await Probe(node.Url + "/health/ready"); if (readyAfter != 200) await Task.Delay(500); }
        await using var fresh = NpgsqlDataSource.Create(connection);
        var (found, lost, duplicated) = await clients.CheckAsync(fresh);
        await db.DisposeAsync();
        return new Row("PostgreSQL stopped and started under load", clients.Operations, clients.Acknowledged, found, lost, duplicated, clients.ServerErrors,
            $"{clients.Unavailable} x 503 while down, {clients.Status500} x 500, {clients.Timeouts} timeouts; ready {readyWhileDown} while down, {readyAfter} after");
    }

    public async Task<Row> LoadAsync(int clientsCount)
    {
        var (db, connection) = await FreshDatabaseAsync("load");
        using var node = new LedgerProcess(ledgerDll, connection);
        await node.WaitReadyAsync();
        await RegisterSourceAsync(node.Url);
        var admin = Clients.Http(node.Url);
        for (var h = 0; h < 8; h++) await admin.PostAsync("/api/incidents", Clients.Json(Clients.Report($"hot-{h}", h)));
        await admin.PostAsync("/api/sources", Clients.Json("""{"id": "sana", "name": "SANA", "kind": "government"}"""));
        var clients = new Clients();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clientsCount).Select(c => Task.Run(async () =>
        {
            var http = Clients.Http(node.Url);
            var random = new Random(c);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var hot = $"hot-{random.Next(8)}";
                var roll = random.Next(10);
                var reason = $"c{c}-n{n}";
                if (roll < 4)
                {
                    if (await clients.SendAsync(http, HttpMethod.Post, "/api/incidents", Clients.Report($"new-{reason}", n))) clients.AcknowledgedIncidents.Add($"new-{reason}");
                }
                else if (roll < 7)
                {
                    if (await clients.SendAsync(http, HttpMethod.Post, $"/api/incidents/{hot}/figures/sohr:killed:sdf/revisions",
                            $$"""{"value": {"kind": "atLeast", "value": {{n % 50}}}, "reason": "{{reason}}"}""")) clients.AcknowledgedReasons.Add(reason);
                }
                else if (roll < 8)
                {
                    if (await clients.SendAsync(http, HttpMethod.Post, $"/api/incidents/{hot}/figures/sohr:killed:sdf/disputes",
                            $$"""{"disputedBy": "sana", "reason": "{{reason}}"}""")) clients.AcknowledgedReasons.Add(reason);
                }
                else await clients.SendAsync(http, HttpMethod.Get, roll == 8 ? $"/api/incidents/{hot}" : "/api/tallies?groupBy=admin1,month");
            }
        })));
        var (found, lost, duplicated) = await clients.CheckAsync(db);
        await db.DisposeAsync();
        return new Row($"{clientsCount} clients for {duration.TotalSeconds:F0} s: writes, hot revisions and disputes, reads", clients.Operations,
            clients.Acknowledged, found, lost, duplicated, clients.ServerErrors, $"p99 {clients.P99:F0} ms, {clients.Operations / duration.TotalSeconds:F0} requests/s");
    }

    private static async Task<bool> WaitCaughtUpAsync(NpgsqlDataSource db, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await CountAsync(db, "SELECT (SELECT coalesce(max(position), 0) FROM ledger.events) - coalesce((SELECT min(position) FROM projections.checkpoints), 0)") == 0) return true;
            await Task.Delay(250);
        }
        return false;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        try
        {
            await using var cmd = db.CreateCommand(sql);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // the process under test has not created the schema yet
        }
    }

    private static async Task<System.Net.HttpStatusCode> Probe(string url)
    {
        try { using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) }; return (await http.GetAsync(url)).StatusCode; }
        catch (Exception) { return 0; }
    }

    private static void Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.WaitForExit();
    }
}
