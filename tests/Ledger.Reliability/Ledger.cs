using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Ledger.Reliability;

/// <summary>One scenario's outcome; <see cref="Failures"/> are the checks it did not pass (empty when it passed).</summary>
public sealed record Row(string Scenario, long Operations, long Acknowledged, long Found, long Lost, long Duplicated, long ServerErrors, string Notes,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0 && Lost == 0 && Duplicated == 0;
}

/// <summary>Clients that remember every write acknowledged with a 2xx, and the check that each is stored exactly once.</summary>
public sealed class Clients
{
    public readonly ConcurrentBag<string> AcknowledgedIncidents = [];
    public readonly ConcurrentBag<string> AcknowledgedReasons = [];
    public readonly ConcurrentBag<double> Latencies = [];
    public long Operations, ServerErrors, Status500, Unavailable, Timeouts, ClientErrors;

    public static HttpClient Http(string url) =>
        new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10), DefaultRequestHeaders = { { "X-Api-Key", LedgerProcess.AdminKey } } };

    public static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    public static string Report(string id, int n) => "{\"id\": \"" + id + "\", " + Body(n) + "}";

    /// <summary>A report's fields but its id: shared by the HTTP body and the import line.</summary>
    public static string Body(int n) =>
        $$""" "title": "t", "occurred": {"date": "2023-03-01"}, "location": {"country": "SY", "admin1": "sy09"}, "type": "ied", "figures": [{"source": "sohr", "category": "killed", "party": "sdf", "partyClass": "non-state-armed-groups", "value": {"kind": "exact", "value": {{n % 9}}}, "certainty": "reported"}]""";

    /// <summary>Sends one request; true when it was acknowledged with a 2xx.</summary>
    public async Task<bool> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        Interlocked.Increment(ref Operations);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) });
            Latencies.Add(clock.Elapsed.TotalMilliseconds);
            var status = (int)response.StatusCode;
            if (status >= 500) Interlocked.Increment(ref ServerErrors);
            if (status == 500) Interlocked.Increment(ref Status500);
            if (status == 503) Interlocked.Increment(ref Unavailable);
            if (status is >= 400 and < 500) Interlocked.Increment(ref ClientErrors);
            return status is >= 200 and < 300;
        }
        catch (TaskCanceledException)
        {
            // A request that timed out counts in the latencies at the timeout: leaving it out would flatter p99.
            Latencies.Add(clock.Elapsed.TotalMilliseconds);
            Interlocked.Increment(ref Timeouts);
            return false;
        }
        catch (HttpRequestException) { return false; } // connection refused or reset: not acknowledged
    }

    public double P99 => Latencies.IsEmpty ? 0 : Latencies.Order().ElementAt(Math.Min(Latencies.Count - 1, (int)(Latencies.Count * 0.99)));

    /// <summary>How many acknowledged writes are stored once, not at all, or more than once.</summary>
    public async Task<(long Found, long Lost, long Duplicated)> CheckAsync(NpgsqlDataSource db)
    {
        var counts = new Dictionary<string, long>();
        await using (var cmd = db.CreateCommand("SELECT stream_id, count(*) FROM ledger.events WHERE type = 'IncidentReported' GROUP BY stream_id"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) counts[r.GetString(0)["incident-".Length..]] = r.GetInt64(1);
        var reasons = new Dictionary<string, long>();
        await using (var cmd = db.CreateCommand("SELECT data->>'reason', count(*) FROM ledger.events WHERE type IN ('FigureRevised', 'FigureDisputed') GROUP BY 1"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) reasons[r.GetString(0)] = r.GetInt64(1);
        var all = AcknowledgedIncidents.Select(id => counts.GetValueOrDefault(id)).Concat(AcknowledgedReasons.Select(x => reasons.GetValueOrDefault(x))).ToList();
        return (all.Count(c => c == 1), all.Count(c => c == 0), all.Count(c => c > 1));
    }

    public long Acknowledged => AcknowledgedIncidents.Count + AcknowledgedReasons.Count;
}
