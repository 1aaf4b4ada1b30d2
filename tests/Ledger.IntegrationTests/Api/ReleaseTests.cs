using System.Net;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Named releases: an editor names a point, the name is never reused, and a tally for the release
/// answers the same bytes after later writes.</summary>
public sealed class ReleaseTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Report(string id, int killed, string admin1 = "sy09") => $$"""
        {"id": "{{id}}", "title": "Release test {{id}}", "occurred": {"date": "2024-03-0{{killed % 9 + 1}}"},
         "location": {"country": "SY", "admin1": "{{admin1}}"}, "type": "ambush",
         "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces",
                      "value": {"kind": "exact", "value": {{killed}}}, "certainty": "reported"}]}
        """;

    [Fact]
    public async Task A_read_at_a_release_may_be_kept_for_good_and_its_repeat_is_a_304()
    {
        var written = await api.Client(Reporter).PostAsync("/api/incidents", Json(Report("cached-a", 4, "sy02")));
        written.StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.Client(Editor).PostAsync("/api/releases", Json($$"""{"name": "cached", "position": {{Position(written)}}}"""))).StatusCode
            .Should().Be(HttpStatusCode.Created);
        var reader = api.Client();
        foreach (var url in new[] { "/api/tallies?release=cached&groupBy=admin1", "/api/exports/incidents.csv?release=cached", "/api/incidents/cached-a?release=cached" })
        {
            var first = await reader.GetAsync($"{url}&minPosition={Position(written)}");
            first.StatusCode.Should().Be(HttpStatusCode.OK, url);
            first.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable", url);
            var tag = first.Headers.ETag!;
            tag.IsWeak.Should().BeFalse(url);

            using var repeat = new HttpRequestMessage(HttpMethod.Get, url);
            repeat.Headers.IfNoneMatch.Add(tag);
            var cached = await reader.SendAsync(repeat);
            cached.StatusCode.Should().Be(HttpStatusCode.NotModified, url);
            cached.Headers.ETag.Should().Be(tag);
            (await cached.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        }
        // Not at a release, or at one that does not exist: nothing to keep.
        var now = await reader.GetAsync("/api/tallies?groupBy=admin1");
        now.Headers.ETag.Should().BeNull();
        now.Headers.CacheControl?.ToString().Should().NotContain("immutable");
        (await reader.GetAsync("/api/tallies?release=no-such-release")).Headers.ETag.Should().BeNull();
        // Another question at the same release is another tag.
        var tallies = await reader.GetAsync("/api/tallies?release=cached&groupBy=country");
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/tallies?release=cached&groupBy=admin1");
        other.Headers.IfNoneMatch.Add(tallies.Headers.ETag!);
        (await reader.SendAsync(other)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_release_names_a_position_and_its_tally_keeps_the_same_bytes_after_later_writes()
    {
        var reporter = api.Client(Reporter);
        var editor = api.Client(Editor);
        var reader = api.Client();
        var first = await reporter.PostAsync("/api/incidents", Json(Report("release-a", 7)));
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var position = Position(first);

        (await reporter.PostAsync("/api/releases", Json("""{"name": "by-a-reporter"}"""))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var created = await editor.PostAsync("/api/releases", Json($$"""{"name": "march-2024", "position": {{position}}, "note": "first cut"}"""));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().Should().Be("/api/releases/march-2024");
        var release = await Body(created);
        release.GetProperty("position").GetInt64().Should().Be(position);
        release.GetProperty("createdBy").GetString().Should().NotBeNullOrEmpty();

        var url = $"/api/tallies?admin1=sy09&category=killed&groupBy=admin1&release=march-2024&minPosition={position}";
        var before = await (await reader.GetAsync(url)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        JsonDocument.Parse(before).RootElement.GetProperty("rows")[0].GetProperty("best").GetInt64().Should().Be(7);

        var later = await reporter.PostAsync("/api/incidents", Json(Report("release-b", 5)));
        var now = await Body((await reader.GetAsync($"/api/tallies?admin1=sy09&category=killed&groupBy=admin1&minPosition={Position(later)}")).EnsureSuccessStatusCode());
        now.GetProperty("rows")[0].GetProperty("best").GetInt64().Should().Be(12, "the present moved on");
        (await (await reader.GetAsync(url)).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).Should().Be(before, "a release answers the same bytes");

        // The incident and its history as of the release, after a revision made since.
        var revised = await reporter.PostAsync("/api/incidents/release-a/figures/sohr:killed:syrian-army/revisions",
            Json("""{"value": {"kind": "exact", "value": 9}, "reason": "later toll"}"""));
        revised.StatusCode.Should().Be(HttpStatusCode.Created);
        var incident = await Body((await reader.GetAsync("/api/incidents/release-a?release=march-2024")).EnsureSuccessStatusCode());
        incident.GetRawText().Should().Contain("\"value\":7").And.NotContain("\"value\":9");
        var history = await Body((await reader.GetAsync($"/api/incidents/release-a/history?release=march-2024&minPosition={Position(revised)}")).EnsureSuccessStatusCode());
        history.GetProperty("events").EnumerateArray().Should().OnlyContain(e => e.GetProperty("position").GetInt64() <= position);
        (await reader.GetAsync("/api/incidents/release-a?release=march-2024&asOfPosition=1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var again = await editor.PostAsync("/api/releases", Json("""{"name": "march-2024"}"""));
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Body(again)).GetProperty("code").GetString().Should().Be("release-exists");
        (await Body((await reader.GetAsync("/api/releases/march-2024")).EnsureSuccessStatusCode())).GetProperty("position").GetInt64().Should().Be(position);
        (await Body((await reader.GetAsync("/api/releases")).EnsureSuccessStatusCode())).GetProperty("releases").EnumerateArray()
            .Count(r => r.GetProperty("name").GetString() == "march-2024").Should().Be(1);
    }

    [Fact]
    public async Task Every_read_of_a_release_keeps_its_bytes_after_later_writes_and_its_exports_cite_it_in_their_first_row()
    {
        var reporter = api.Client(Reporter);
        var editor = api.Client(Editor);
        var reader = api.Client();
        var first = Position((await reporter.PostAsync("/api/incidents", Json(Report("cited-a", 3, "sy02")))).EnsureSuccessStatusCode());
        (await editor.PostAsync("/api/releases", Json($$"""{"name": "cited-2024", "position": {{first}}}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        string[] reads =
        [
            "/api/incidents?admin1=sy02&release=cited-2024", "/api/incidents/cited-a?release=cited-2024",
            "/api/incidents/cited-a/history?release=cited-2024", "/api/tallies?admin1=sy02&category=killed&groupBy=admin1&release=cited-2024",
            "/api/regions/sy02/figures?release=cited-2024", "/api/exports/incidents.csv?admin1=sy02&release=cited-2024",
            "/api/exports/figures.csv?admin1=sy02&release=cited-2024", "/api/exports/tallies.csv?admin1=sy02&category=killed&groupBy=admin1&release=cited-2024",
        ];
        async Task<string[]> ReadAll(long wait) => await Task.WhenAll(reads.Select(async url =>
            await (await reader.GetAsync($"{url}&minPosition={wait}")).EnsureSuccessStatusCode().Content.ReadAsStringAsync()));
        var before = await ReadAll(first);

        // Later: a new incident, a revision, a retraction and a correction of the place, each of which changes some read of the present.
        await reporter.PostAsync("/api/incidents", Json(Report("cited-b", 5, "sy02")));
        (await reporter.PostAsync("/api/incidents/cited-a/figures/sohr:killed:syrian-army/revisions",
            Json("""{"value": {"kind": "exact", "value": 8}, "reason": "later toll"}"""))).EnsureSuccessStatusCode();
        var last = Position((await editor.PostAsync("/api/incidents/cited-a/retraction", Json("""{"reason": "a duplicate"}"""))).EnsureSuccessStatusCode());

        (await ReadAll(last)).Should().Equal(before, "a release answers the same bytes on every read");
        var list = JsonDocument.Parse(before[0]).RootElement;
        list.GetProperty("asOfPosition").GetInt64().Should().Be(first);
        list.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain("cited-a").And.NotContain("cited-b");
        foreach (var csv in before[5..])
            csv.TrimStart('\uFEFF').Split("\r\n")[0].Should().StartWith($"release,cited-2024,asOfPosition,{first},recordedAt,20");
        var present = await (await reader.GetAsync($"/api/exports/incidents.csv?admin1=sy02&minPosition={last}")).Content.ReadAsStringAsync();
        present.TrimStart('\uFEFF').Should().StartWith("id,title,", "an export of the present has no citing row");
        present.Should().Contain("cited-b");
    }

    [Theory]
    [InlineData("""{"name": "Not A Slug"}""", 422)]
    [InlineData("""{"name": "far-ahead", "position": 99999999}""", 400)]
    [InlineData("""{"name": "negative", "position": -1}""", 422)]
    [InlineData("""{"position": 1}""", 400)]
    public async Task A_bad_release_is_refused_and_nothing_is_stored(string body, int status)
    {
        var response = await api.Client(Editor).PostAsync("/api/releases", Json(body));
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        (await Body((await api.Client().GetAsync("/api/releases")).EnsureSuccessStatusCode())).GetProperty("releases").EnumerateArray()
            .Select(r => r.GetProperty("name").GetString()).Should().NotContain(["far-ahead", "negative"]);
    }

    [Fact]
    public async Task Reads_for_an_unknown_release_or_a_release_beside_asOfPosition_are_refused()
    {
        var reader = api.Client();
        var unknown = await reader.GetAsync("/api/tallies?release=no-such-release");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await reader.GetAsync("/api/releases/no-such-release")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.Client(Editor).PostAsync("/api/releases", Json("""{"name": "both"}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await reader.GetAsync("/api/tallies?release=both&asOfPosition=1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task With_a_checkpoint_key_the_head_is_signed_on_a_schedule_and_published()
    {
        var dir = Directory.CreateTempSubdirectory("ledger-schedule-").FullName;
        var (privatePem, publicPem) = Ledger.EventStore.Checkpoint.NewKey();
        await File.WriteAllTextAsync(Path.Combine(dir, "key.pem"), privatePem);
        await using var signing = api.Factory.WithWebHostBuilder(b =>
        {
            OwnSilo(b);
            b.UseSetting("Ledger:CheckpointKey", Path.Combine(dir, "key.pem"));
            b.UseSetting("Ledger:CheckpointInterval", "00:00:00.500");
        });
        var written = Position((await api.Client(Reporter, signing).PostAsync("/api/incidents", Json(Report("scheduled", 2)))).EnsureSuccessStatusCode());
        JsonElement newest = default;
        for (var tries = 0; tries < 100; tries++)
        {
            var list = (await Body((await api.Client(factory: signing).GetAsync("/api/checkpoints")).EnsureSuccessStatusCode())).GetProperty("checkpoints");
            if (list.GetArrayLength() > 0 && (newest = list[0]).GetProperty("position").GetInt64() >= written) break;
            await Task.Delay(100);
        }
        newest.GetProperty("position").GetInt64().Should().BeGreaterThanOrEqualTo(written, "the schedule signed the head after the write");
        var checkpoint = JsonSerializer.Deserialize<Ledger.EventStore.Checkpoint>(newest.GetRawText(), Ledger.Serialization.LedgerJson.Options)!;
        using var published = System.Security.Cryptography.ECDsa.Create();
        published.ImportFromPem(publicPem);
        checkpoint.IsSignedBy(published).Should().BeTrue("signed with the ledger's key");
    }
}
