using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Auth, Idempotency-Key, If-Match and the gap-safe feed, over HTTP.</summary>
public sealed class WriteGuaranteeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Report(string id) =>
        $$"""{"id": "{{id}}", "title": "t", "occurred": {"date": "2023-06-01"}, "location": {"country": "SY", "admin1": "sy09"}, "type": "ied"}""";

    [Fact]
    public async Task Writes_need_a_key_of_the_right_role_and_reads_are_open()
    {
        (await api.Client().PostAsync("/api/incidents", Json(Report("auth-1")))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Client("not-a-key-at-all").PostAsync("/api/incidents", Json(Report("auth-1")))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var forbidden = await api.Client(Reader).PostAsync("/api/incidents", Json(Report("auth-1")));
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Body(forbidden)).GetProperty("detail").GetString().Should().NotContain(Reader, "a key is never echoed");
        (await api.Client(Reporter).PostAsync("/api/incidents", Json(Report("auth-1")))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.Client(Reporter).PostAsync("/api/incidents/auth-1/retraction", Json("""{"reason": "r"}"""))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.Client(Editor).PostAsJsonAsync("/api/sources", new { id = "x-src", name = "X", kind = "monitor" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.Client(Editor).PostAsync("/api/incidents/auth-1/retraction", Json("""{"reason": "r"}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.Client().GetAsync("/api/incidents/auth-1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Client("not-a-key-at-all").GetAsync("/api/incidents/auth-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.Database.ScalarAsync("SELECT count(*) FROM ledger.events WHERE stream_id = 'incident-auth-1' AND recorded_by = 'newsroom'")).Should().Be(1);
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_survives_a_restart_and_refuses_another_body()
    {
        async Task<HttpResponseMessage> Post(string body, string key, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? factory = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await api.Client(Reporter, factory).SendAsync(request);
        }

        var first = await Post(Report("idem-1"), "k-1");
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var count = await api.EventCount();
        var again = await Post(Report("idem-1"), "k-1");
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        again.Headers.ETag!.Tag.Should().Be(first.Headers.ETag!.Tag);
        await using (var restarted = api.NewFactory())
            (await Post(Report("idem-1"), "k-1", restarted)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.EventCount()).Should().Be(count, "a repeat appends nothing");

        var reused = await Post(Report("idem-2"), "k-1");
        reused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Body(reused)).GetProperty("field").GetString().Should().Be("Idempotency-Key");

        // Concurrent repeats of one key: one command, one answer.
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Post(Report("idem-3"), "k-3")));
        racing.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        (await api.Database.ScalarAsync("SELECT count(*) FROM ledger.events WHERE stream_id = 'incident-idem-3'")).Should().Be(1);
    }

    [Fact]
    public async Task If_match_guards_incident_writes_and_reads_carry_an_etag()
    {
        var created = await api.Client(Reporter).PostAsync("/api/incidents", Json(Report("etag-1")));
        var get = await api.Client().GetAsync("/api/incidents/etag-1");
        get.Headers.ETag!.Tag.Should().Be("\"1\"");

        var stale = new HttpRequestMessage(HttpMethod.Post, "/api/incidents/etag-1/corrections") { Content = Json("""{"type": "raid", "reason": "r"}""") };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var refused = await api.Client(Editor).SendAsync(stale);
        refused.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await Body(refused)).GetProperty("field").GetString().Should().Be("If-Match");

        var current = new HttpRequestMessage(HttpMethod.Post, "/api/incidents/etag-1/corrections") { Content = Json("""{"type": "raid", "reason": "r"}""") };
        current.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        var accepted = await api.Client(Editor).SendAsync(current);
        accepted.StatusCode.Should().Be(HttpStatusCode.Created);
        accepted.Headers.ETag!.Tag.Should().Be("\"2\"");

        var garbage = new HttpRequestMessage(HttpMethod.Post, "/api/incidents/etag-1/corrections") { Content = Json("""{"type": "ied", "reason": "r"}""") };
        garbage.Headers.TryAddWithoutValidation("If-Match", "yesterday");
        (await api.Client(Editor).SendAsync(garbage)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_feed_consumer_polling_over_http_sees_every_acknowledged_write_while_writes_run()
    {
        var acknowledged = new ConcurrentBag<long>();
        var seen = new List<long>();
        var done = false;
        var reader = Task.Run(async () =>
        {
            var client = api.Client();
            var after = 0L;
            while (true)
            {
                var finished = Volatile.Read(ref done);
                var feed = await Body((await client.GetAsync($"/api/events?after={after}&limit=200")).EnsureSuccessStatusCode());
                var positions = feed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("position").GetInt64()).ToList();
                seen.AddRange(positions);
                after = feed.GetProperty("lastPosition").GetInt64();
                if (positions.Count == 0 && finished) return;
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var client = api.Client(Reporter);
            for (var i = 0; i < 25; i++)
            {
                var response = await client.PostAsync("/api/incidents", Json(Report($"feed-{w}-{i}")));
                response.StatusCode.Should().Be(HttpStatusCode.Created);
                acknowledged.Add(Position(response));
            }
        })));
        Volatile.Write(ref done, true);
        await reader;

        seen.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var seenSet = seen.ToHashSet();
        acknowledged.Should().HaveCount(200);
        acknowledged.Where(p => !seenSet.Contains(p)).Should().BeEmpty("every acknowledged write is in the feed");
    }
}
