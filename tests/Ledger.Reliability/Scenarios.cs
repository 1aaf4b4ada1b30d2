using System.Collections.Concurrent;
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
            // The databases of earlier scenarios go first: their vacuums would run during this scenario's measurements
            // (and 20 of them were left on the cluster after two runs). The last scenario's stays for a closer look.
            var earlier = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'rel\\_%'", conn))
            await using (var r = await list.ExecuteReaderAsync())
                while (await r.ReadAsync()) earlier.Add(r.GetString(0));
            foreach (var old in earlier.Append(db).Distinct())
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {old} WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }
            await using var create = new NpgsqlCommand($"CREATE DATABASE {db}", conn);
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
            for (var i = 0; i < 600 && await CountAsync(db, "SELECT count(*) FROM ledger.mt_streams WHERE id LIKE 'incident-imp-%'", beforeSchema: true) == 0; i++) await Task.Delay(50);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var partial = await CountAsync(db, "SELECT count(*) FROM ledger.mt_streams WHERE id LIKE 'incident-imp-%'");
            var second = Process.Start(new ProcessStartInfo("dotnet", [ledgerDll, "import", file]) { Environment = { ["LEDGER_DB"] = connection }, RedirectStandardOutput = true })!;
            var report = await second.StandardOutput.ReadToEndAsync();
            await second.WaitForExitAsync();
            // Acknowledged: the lines the second import reports as applied or already imported, not a number assumed from its exit code.
            var counts = System.Text.RegularExpressions.Regex.Match(report, @"(\d+) applied, (\d+) already imported");
            var acknowledged = second.ExitCode == 0 && counts.Success ? long.Parse(counts.Groups[1].Value) + long.Parse(counts.Groups[2].Value) - 1 : 0; // less the source line
            var once = await CountAsync(db, "SELECT count(*) FROM (SELECT causation_id FROM ledger.events WHERE stream_id LIKE 'incident-imp-%' GROUP BY causation_id HAVING count(*) = 2) x");
            var twice = await CountAsync(db, "SELECT count(*) FROM (SELECT causation_id FROM ledger.events WHERE stream_id LIKE 'incident-imp-%' GROUP BY causation_id HAVING count(*) > 2) x");
            var live = await DumpAsync(db);
            var rebuild = Process.Start(new ProcessStartInfo("dotnet", [ledgerDll, "rebuild"]) { Environment = { ["LEDGER_DB"] = connection }, RedirectStandardOutput = true })!;
            await rebuild.WaitForExitAsync();
            var rebuilt = await DumpAsync(db);
            var failures = new List<string>();
            if (second.ExitCode != 0) failures.Add($"the second import exited {second.ExitCode}");
            if (acknowledged != lines) failures.Add($"the second import acknowledged {acknowledged} of {lines} lines");
            if (once != lines) failures.Add($"{lines - once} lines are not stored exactly once");
            if (live != rebuilt) failures.Add("the projections differ from a rebuild");
            return new Row("kill -9 during import, then import again", lines, acknowledged, once, lines - once - twice, twice, 0,
                $"killed after {partial:N0} incidents; every projection table {(live == rebuilt ? "equals" : "DIFFERS FROM")} a rebuild", failures);
        }
        finally
        {
            File.Delete(file);
            await db.DisposeAsync();
        }
    }

    public Task<Row> ServerCrashAsync() => ProjectingNodeLostAsync(paused: false);

    public Task<Row> LeaderPausedAsync() => ProjectingNodeLostAsync(paused: true);

    /// <summary>
    /// Two servers on one database; A starts alone, so Marten's daemon election makes it the node that projects.
    /// Under write load A is killed with -9 (its connections close at once), or paused with SIGSTOP (its connections
    /// stay open: only the idle-session bound set on the daemon's connections releases its lock). B must take the
    /// daemon's lock within the bound, catch up, and leave every table equal to a rebuild.
    /// </summary>
    private async Task<Row> ProjectingNodeLostAsync(bool paused)
    {
        // Killed: PostgreSQL sees the closed socket within a second. Paused: the survivor finds every daemon connection
        // of the paused node silent for 6 s (ProjectionOptions.SilentNodeBound), ends them, and its election takes the
        // lock at its next poll (ReadModelDaemon.Lease).
        var bound = paused ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(5);
        var (db, connection) = await FreshDatabaseAsync(paused ? "pause" : "crash");
        using var a = new LedgerProcess(ledgerDll, connection);
        await a.WaitReadyAsync();
        await WaitForHolderAsync(db, a.Name, TimeSpan.FromSeconds(20));
        using var b = new LedgerProcess(ledgerDll, connection);
        await b.WaitReadyAsync();
        var leaderBefore = await LockHoldersAsync(db);
        await RegisterSourceAsync(b.Url);
        var clients = new Clients();
        var lost = false;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                // A paused node takes requests and never answers them: writes go to the survivor once A is gone.
                var url = w % 2 == 0 && !Volatile.Read(ref lost) ? a.Url : b.Url;
                var id = $"w{w}-{n}";
                if (await clients.SendAsync(Clients.Http(url), HttpMethod.Post, "/api/incidents", Clients.Report(id, n))) clients.AcknowledgedIncidents.Add(id);
            }
        })).ToList();
        await Task.Delay(duration / 3);
        Volatile.Write(ref lost, true);
        if (paused) a.Pause(); else a.KillHard();
        var takeover = await WaitForHolderAsync(db, b.Name, TimeSpan.FromSeconds(90));
        await Task.WhenAll(writers);
        var caughtUp = await WaitCaughtUpAsync(db, TimeSpan.FromSeconds(60));
        if (paused)
        {
            // Back from the pause, A finds its lock gone and stops projecting; B keeps it.
            a.Resume();
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        var leaderAfter = await LockHoldersAsync(db);
        var (found, lostWrites, duplicated) = await clients.CheckAsync(db);
        var projected = await CountAsync(db, "SELECT count(*) FROM projections.incidents");
        var stored = await CountAsync(db, "SELECT count(*) FROM ledger.mt_streams WHERE id LIKE 'incident-%'");
        var live = await DumpAsync(db);
        // The rebuild runs where the projections run (the survivor), through the admin endpoint.
        using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) })
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", LedgerProcess.AdminKey);
            (await http.PostAsync(b.Url + "/api/admin/projections/rebuild", null)).EnsureSuccessStatusCode();
        }
        var rebuilt = await DumpAsync(db);
        await db.DisposeAsync();
        var failures = new List<string>();
        // The lost process held the lock, and afterwards the survivor holds it: not merely "someone, then someone else".
        if (!leaderBefore.SetEquals([a.Name])) failures.Add($"the process lost ({a.Name}) was not the one holding the daemon's lock ({string.Join(", ", leaderBefore)})");
        if (takeover is not { } took || took > bound) failures.Add($"the survivor took the lock over in {(takeover is { } t ? $"{t.TotalSeconds:F1} s" : "never")}, beyond the bound of {bound.TotalSeconds:F0} s");
        if (!leaderAfter.SetEquals([b.Name])) failures.Add($"the survivor ({b.Name}) does not hold the daemon's lock alone (held by: {string.Join(", ", leaderAfter)})");
        if (!caughtUp || projected != stored) failures.Add($"the survivor did not catch up ({projected} of {stored} incidents projected)");
        if (live != rebuilt) failures.Add("the projections differ from a rebuild");
        if (clients.Status500 > 0) failures.Add($"{clients.Status500} requests answered 500 (a dead node is a 503)");
        return new Row(paused ? "SIGSTOP of the projecting node, one of two servers, under write load" : "kill -9 of the projecting node, one of two servers, under write load",
            clients.Operations, clients.Acknowledged, found, lostWrites, duplicated, clients.ServerErrors,
            $"the survivor took the daemon's lock in {takeover?.TotalSeconds ?? double.NaN:F1} s (bound {bound.TotalSeconds:F0} s); tables {(live == rebuilt ? "equal" : "DIFFER FROM")} a rebuild; " +
            $"p99 {clients.P99:F0} ms with {clients.Timeouts} timeouts; {clients.Unavailable} x 503, {clients.Status500} x 500", failures);
    }

    /// <summary>How long until <paramref name="name"/> alone holds the daemon's lock, or null if not within the timeout.</summary>
    private static async Task<TimeSpan?> WaitForHolderAsync(NpgsqlDataSource db, string name, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await LockHoldersAsync(db)).SetEquals([name])) return clock.Elapsed;
            await Task.Delay(100);
        }
        return null;
    }

    /// <summary>
    /// Two servers, one cluster; 32 hot incidents whose grains sit on both silos; writers revise them through B
    /// while A is killed with -9. A's grains must reactivate on B (Orleans declares A dead, B places them anew,
    /// reading their streams) and every acknowledged revision must be stored exactly once.
    /// </summary>
    public async Task<Row> SiloKillAsync()
    {
        const int hot = 32;
        var bound = TimeSpan.FromSeconds(20);
        var (db, connection) = await FreshDatabaseAsync("silokill");
        using var a = new LedgerProcess(ledgerDll, connection);
        await a.WaitReadyAsync();
        using var b = new LedgerProcess(ledgerDll, connection);
        await b.WaitReadyAsync();
        await RegisterSourceAsync(b.Url);
        var clients = new Clients();
        var ids = Enumerable.Range(0, hot).Select(i => $"hot-{i}").ToList();
        // Half are created through A, half through B: activations land on both silos.
        for (var i = 0; i < hot; i++)
        {
            using var http = Clients.Http(i % 2 == 0 ? a.Url : b.Url);
            if (await clients.SendAsync(http, HttpMethod.Post, "/api/incidents", Clients.Report(ids[i], i))) clients.AcknowledgedIncidents.Add(ids[i]);
        }
        var lastBefore = new ConcurrentDictionary<string, TimeSpan>(); // each incident's last acknowledged write before the kill
        var firstAfter = new ConcurrentDictionary<string, TimeSpan>(); // and its first after it
        var clock = Stopwatch.StartNew();
        long killedAtTicks = long.MaxValue;
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            using var http = Clients.Http(b.Url);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var id = ids[(w + n * 16 + n / 2) % hot];
                var reason = $"w{w}-{n}";
                var sent = clock.Elapsed;
                if (await clients.SendAsync(http, HttpMethod.Post, $"/api/incidents/{id}/figures/sohr:killed:sdf/revisions",
                        $$"""{"value": {"kind": "atLeast", "value": {{n % 50}}}, "reason": "{{reason}}"}"""))
                {
                    clients.AcknowledgedReasons.Add(reason);
                    if (sent.Ticks < Volatile.Read(ref killedAtTicks)) lastBefore[id] = sent;
                    else firstAfter.TryAdd(id, clock.Elapsed);
                }
            }
        })).ToList();
        await Task.Delay(duration / 3);
        a.KillHard();
        Volatile.Write(ref killedAtTicks, clock.Elapsed.Ticks);
        await Task.WhenAll(writers);
        var (found, lost, duplicated) = await clients.CheckAsync(db);
        var versions = await CountAsync(db, """
            SELECT count(*) FROM (SELECT stream_id, max(version) AS top, count(*) AS n FROM ledger.events
                                  WHERE stream_id LIKE 'incident-hot-%' GROUP BY stream_id) s WHERE top <> n
            """);
        await db.DisposeAsync();
        var killedAt = TimeSpan.FromTicks(killedAtTicks);
        var silent = ids.Where(id => !firstAfter.ContainsKey(id)).ToList();
        // How long each incident took no write across the kill: the longest is how long A's grains took to come back on B.
        var gap = ids.Where(firstAfter.ContainsKey).Select(id => firstAfter[id] - lastBefore.GetValueOrDefault(id, killedAt)).DefaultIfEmpty().Max();
        var failures = new List<string>();
        if (silent.Count > 0) failures.Add($"{silent.Count} incidents took no write after the kill ({string.Join(", ", silent.Take(5))})");
        if (gap > bound) failures.Add($"an incident went {gap.TotalSeconds:F1} s without a write across the kill (bound {bound.TotalSeconds:F0} s)");
        if (versions > 0) failures.Add($"{versions} streams have gaps in their versions");
        if (clients.Status500 > 0) failures.Add($"{clients.Status500} requests answered 500 (a dead node is a 503)");
        return new Row("kill -9 of one of two silos of a cluster, 32 hot incidents", clients.Operations, clients.Acknowledged, found, lost, duplicated,
            clients.ServerErrors, $"every incident written again after the kill; longest pause {gap.TotalSeconds:F1} s (bound {bound.TotalSeconds:F0} s); " +
            $"{clients.Unavailable} 503s, {clients.Timeouts} timeouts", failures);
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
        var failures = new List<string>();
        if (readyWhileDown == 200) failures.Add("/health/ready said ready while the database was down");
        if (readyAfter != 200) failures.Add($"/health/ready answered {readyAfter} after the database came back");
        if (clients.Status500 > 0) failures.Add($"{clients.Status500} answers were 500 instead of 503");
        return new Row("PostgreSQL stopped and started under load", clients.Operations, clients.Acknowledged, found, lost, duplicated, clients.ServerErrors,
            $"{clients.Unavailable} x 503 while down, {clients.Status500} x 500, {clients.Timeouts} timeouts; ready {readyWhileDown} while down, {readyAfter} after", failures);
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
        var failures = new List<string>();
        if (clients.ServerErrors > 0) failures.Add($"{clients.ServerErrors} answers were 5xx");
        if (clients.Timeouts > 0) failures.Add($"{clients.Timeouts} requests timed out");
        return new Row($"{clientsCount} clients for {duration.TotalSeconds:F0} s: writes, hot revisions and disputes, reads", clients.Operations,
            clients.Acknowledged, found, lost, duplicated, clients.ServerErrors,
            $"p99 {clients.P99:F0} ms (timeouts included), {clients.Operations / duration.TotalSeconds:F0} requests/s, {clients.Timeouts} timeouts, "
            + $"{clients.ClientErrors} x 4xx (409/412 on hot figures are expected)", failures);
    }

    /// <summary>An anonymous reader (no key, one address) floods /api/verify, the page of an incident revised 300 times
    /// and minPosition waits for a position never reached.</summary>
    public Task<Row> FloodAsync()
    {
        var far = long.MaxValue / 2;
        string[] floods = ["/api/verify", "/incidents/big", $"/api/incidents/hot-0?minPosition={far}"];
        return FloodAsync("anonymous flood of verify, a 300-revision page, minPosition", (anonymous, n, ct) => anonymous.GetAsync(floods[n % floods.Length], ct));
    }

    /// <summary>One anonymous client at full speed with an empty key header (which once skipped the anonymous limits),
    /// on the heaviest reads: a 1,000-event feed page, the drafts page with an article, an export, an incident's page.</summary>
    public Task<Row> EmptyKeyFloodAsync()
    {
        var article = string.Concat(Enumerable.Repeat("ISIS fighters attacked a checkpoint in rural Deir Ezzor on Sunday, killing at least 7 soldiers, according to the Syrian Observatory. ", 100));
        return FloodAsync("one client, empty key header: feed, drafts, export, page", async (anonymous, n, ct) =>
        {
            using var request = (n % 4) switch
            {
                0 => new HttpRequestMessage(HttpMethod.Get, "/api/events?after=0&limit=1000"),
                1 => new HttpRequestMessage(HttpMethod.Post, "/drafts") { Content = new FormUrlEncodedContent([new("text", article), new("publishedAt", "2024-03-12")]) },
                2 => new HttpRequestMessage(HttpMethod.Get, "/api/exports/figures.csv"),
                _ => new HttpRequestMessage(HttpMethod.Get, "/incidents/big"),
            };
            request.Headers.TryAddWithoutValidation("X-Api-Key", "");
            return await anonymous.SendAsync(request, ct);
        });
    }

    /// <summary>Writers alone, then the same writers while one anonymous client (several connections from one address)
    /// sends <paramref name="send"/> as fast as it is answered: the writers' p99 with the flood stays within 2x of
    /// without it, and nothing acknowledged is lost.</summary>
    private async Task<Row> FloodAsync(string label, Func<HttpClient, int, CancellationToken, Task<HttpResponseMessage>> send, int writers = 16, int flooders = 8)
    {
        var (db, connection) = await FreshDatabaseAsync("flood");
        using var node = new LedgerProcess(ledgerDll, connection);
        await node.WaitReadyAsync();
        await RegisterSourceAsync(node.Url);
        var editor = Clients.Http(node.Url);
        for (var h = 0; h < 8; h++) await editor.PostAsync("/api/incidents", Clients.Json(Clients.Report($"hot-{h}", h)));
        await editor.PostAsync("/api/incidents", Clients.Json(Clients.Report("big", 1)));
        for (var i = 0; i < 300; i++)
            await editor.PostAsync("/api/incidents/big/figures/sohr:killed:sdf/revisions", Clients.Json($$"""{"value": {"kind": "exact", "value": {{i}}}, "reason": "r{{i}}"}"""));

        // The scenarios before this one leave dirty buffers behind: a checkpoint now, not in the middle of the
        // flooded half (in one full run that half alone took the cluster's work: 4.1x, where this scenario run alone
        // gave 0.78x).
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", conn);
            await checkpoint.ExecuteNonQueryAsync();
        }
        var quiet = await WritersAsync(node.Url, writers, "quiet");
        var statuses = new ConcurrentDictionary<int, long>();
        using var stop = new CancellationTokenSource();
        var flood = Task.WhenAll(Enumerable.Range(0, flooders).Select(f => Task.Run(async () =>
        {
            using var anonymous = new HttpClient { BaseAddress = new Uri(node.Url), Timeout = TimeSpan.FromSeconds(30) };
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    using var response = await send(anonymous, f + n, stop.Token);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                }
                catch (OperationCanceledException) { }
                catch (HttpRequestException) { statuses.AddOrUpdate(0, 1, (_, c) => c + 1); }
            }
        })));
        var loud = await WritersAsync(node.Url, writers, "loud");
        await stop.CancelAsync();
        await flood;

        var (foundQuiet, lostQuiet, twiceQuiet) = await quiet.CheckAsync(db);
        var (foundLoud, lostLoud, twiceLoud) = await loud.CheckAsync(db);
        await db.DisposeAsync();
        var ratio = loud.P99 / Math.Max(1, quiet.P99);
        var failures = new List<string>();
        if (ratio > 2) failures.Add($"writes' p99 rose {ratio:F1}x under the flood (bound 2x)");
        if (quiet.ServerErrors + loud.ServerErrors > 0) failures.Add($"{quiet.ServerErrors + loud.ServerErrors} writes answered 5xx");
        var answered = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} x {(s.Key == 0 ? "refused" : s.Key.ToString())}"));
        return new Row($"{label}; {writers} writers", quiet.Operations + loud.Operations,
            quiet.Acknowledged + loud.Acknowledged, foundQuiet + foundLoud, lostQuiet + lostLoud, twiceQuiet + twiceLoud, quiet.ServerErrors + loud.ServerErrors,
            $"write p99 {quiet.P99:F0} ms alone, {loud.P99:F0} ms flooded ({ratio:F2}x, bound 2x); the flood got {answered}", failures);
    }

    /// <summary>Writers for the scenario's duration, each sending one write every 200 ms (a steady load that leaves
    /// the server room, so that what the flood takes from it shows): new incidents and revisions of hot ones, every
    /// latency kept.</summary>
    private async Task<Clients> WritersAsync(string url, int count, string phase)
    {
        var clients = new Clients();
        var clock = Stopwatch.StartNew();
        var every = TimeSpan.FromMilliseconds(200);
        await Task.WhenAll(Enumerable.Range(0, count).Select(c => Task.Run(async () =>
        {
            var http = Clients.Http(url);
            var random = new Random(c);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var due = every * n;
                if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
                var reason = $"{phase}-c{c}-n{n}";
                if (random.Next(2) == 0)
                {
                    if (await clients.SendAsync(http, HttpMethod.Post, "/api/incidents", Clients.Report($"new-{reason}", n))) clients.AcknowledgedIncidents.Add($"new-{reason}");
                }
                else if (await clients.SendAsync(http, HttpMethod.Post, $"/api/incidents/hot-{random.Next(8)}/figures/sohr:killed:sdf/revisions",
                             $$"""{"value": {"kind": "atLeast", "value": {{n % 50}}}, "reason": "{{reason}}"}""")) clients.AcknowledgedReasons.Add(reason);
            }
        })));
        return clients;
    }

    /// <summary>Which processes (by the application name of their connections) hold the locks of Marten's daemon
    /// election (one per projection): the node that projects.</summary>
    private static async Task<HashSet<string>> LockHoldersAsync(NpgsqlDataSource db)
    {
        var holders = new HashSet<string>();
        await using var cmd = db.CreateCommand("SELECT DISTINCT regexp_replace(a.application_name, ' daemon [0-9a-f]{8}$', '') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            + "WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            // The daemon's connections ("<name> daemon <node>"), not the short locks any writer or migration takes.
            + "AND a.application_name ~ ' daemon [0-9a-f]{8}$'");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) holders.Add(r.GetString(0));
        return holders;
    }

    /// <summary>Every projection table as text in a fixed order: "equals a rebuild" compares all of it, not one sum.</summary>
    private static async Task<string> DumpAsync(NpgsqlDataSource db)
    {
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT md5(coalesce(string_agg(incident_id || version || state, '|' ORDER BY incident_id), '')) FROM projections.incidents",
            "SELECT md5(coalesce(string_agg(concat_ws(' ', position, incident_id, version, type, figure_id, value_before, value_after, status_before, status_after, reason), '|' ORDER BY position), '')) FROM projections.incident_history",
            "SELECT md5(coalesce(string_agg(concat_ws(' ', incident_id, category, party_class, admin1, occurred_date, low, best, high, unquantified, contested, disputed, valid_from, valid_to), '|' ORDER BY incident_id, valid_from, category, party_class), '')) FROM projections.tally_contributions",
            "SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY span, period, period_end, country, admin1, category, party_class, valid_from), '')) FROM projections.tally_cells c",
            "SELECT md5(coalesce(string_agg(k::text, '|' ORDER BY cell), '')) FROM projections.tally_cell_keys k",
            "SELECT md5(coalesce(string_agg(v::text, '|' ORDER BY incident_id, valid_from), '')) FROM projections.incident_versions v",
            "SELECT md5(coalesce(string_agg(region_id || version || state, '|' ORDER BY region_id), '')) FROM projections.regions",
            "SELECT md5(coalesce(string_agg(concat_ws(' ', source_id, name, kind, effective_rank), '|' ORDER BY source_id), '')) FROM projections.sources",
        })
        {
            await using var cmd = db.CreateCommand(sql);
            parts.Add((string)(await cmd.ExecuteScalarAsync())!);
        }
        return string.Join(" ", parts);
    }

    private static async Task<bool> WaitCaughtUpAsync(NpgsqlDataSource db, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await CountAsync(db, "SELECT (SELECT coalesce(max(position), 0) FROM ledger.events) - coalesce((SELECT min(last_seq_id) FROM ledger.mt_event_progression WHERE name LIKE '%:All'), 0)") == 0) return true;
            await Task.Delay(250);
        }
        return false;
    }

    /// <summary>A count. A missing table is an error (a check that counted it as 0 would pass on nothing), except
    /// where <paramref name="beforeSchema"/> says the process under test may not have created it yet.</summary>
    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql, bool beforeSchema = false)
    {
        try
        {
            await using var cmd = db.CreateCommand(sql);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        catch (PostgresException e) when (beforeSchema && e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
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
