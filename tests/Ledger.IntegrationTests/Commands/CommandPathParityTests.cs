using System.Text.Json.Nodes;
using Ledger.IntegrationTests.Api;
using Ledger.Server.Cli;
using Ledger.Server.Commands;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Commands;

/// <summary>One command path: the same commands sent over HTTP and as import lines store the same events, stream by
/// stream and event by event (ids apart), because both go through the command map and the command service.</summary>
public sealed class CommandPathParityTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Every command of the map once, in an order that builds: {m} is the path's marker in ids and names.</summary>
    private static readonly (string Command, string Key, Dictionary<string, string> Ids, string Body)[] Script =
    [
        ("registerActor", Editor, new() { ["actorId"] = "front-{m}" }, """{"name": "Front {m}", "partyClass": "non-state-armed-groups", "reason": "a new group"}"""),
        ("addActorAlias", Editor, new() { ["actorId"] = "front-{m}" }, """{"alias": "Front of {m}", "reason": "as agencies write it"}"""),
        ("renameActor", Editor, new() { ["actorId"] = "front-{m}" }, """{"name": "United Front {m}", "reason": "renamed itself"}"""),
        ("removeActorAlias", Editor, new() { ["actorId"] = "front-{m}" }, """{"alias": "Front of {m}", "reason": "no longer used"}"""),
        ("registerActor", Editor, new() { ["actorId"] = "brigade-{m}" }, """{"name": "Brigade {m}", "partyClass": "non-state-armed-groups", "reason": "a new group"}"""),
        ("mergeActor", Editor, new() { ["actorId"] = "brigade-{m}" }, """{"into": "United Front {m}", "reason": "joined it"}"""),
        ("registerSource", Admin, new() { ["sourceId"] = "wire-{m}" }, """{"name": "Wire {m}", "kind": "news-agency"}"""),
        ("reportIncident", Reporter, new() { ["incidentId"] = "parity-{m}" }, """{"title": "Shelling of a market", "occurred": {"date": "2024-03-02"}, "location": {"country": "SY", "admin1": "Idlib"}, "type": "shelling", "perpetrator": "front-{m}", "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "atLeast", "value": 14}, "certainty": "reported"}]}"""),
        ("reportFigure", Reporter, new() { ["incidentId"] = "parity-{m}" }, """{"source": "wire-{m}", "category": "injured", "party": "civilians", "partyClass": "civilians", "value": {"kind": "range", "low": 20, "high": 25}, "certainty": "claimed"}"""),
        ("reportFigures", Reporter, new() { ["incidentId"] = "parity-{m}" }, """{"figures": [{"source": "afp", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 15}, "certainty": "reported"}, {"source": "amaq", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 20}, "certainty": "claimed"}]}"""),
        ("reviseFigure", Reporter, new() { ["incidentId"] = "parity-{m}", ["figureId"] = "sohr:killed:civilians" }, """{"value": {"kind": "exact", "value": 17}, "reason": "the monitor's update"}"""),
        ("disputeFigure", Reporter, new() { ["incidentId"] = "parity-{m}", ["figureId"] = "sohr:killed:civilians" }, """{"disputedBy": "SANA", "reason": "says fewer died", "counterValue": {"kind": "exact", "value": 3}}"""),
        ("resolveDispute", Editor, new() { ["incidentId"] = "parity-{m}", ["disputeId"] = "d1" }, """{"outcome": "dismissed", "note": "the footage shows more"}"""),
        ("retractFigure", Reporter, new() { ["incidentId"] = "parity-{m}", ["figureId"] = "wire-{m}:injured:civilians" }, """{"reason": "the agency withdrew it"}"""),
        ("correctIncident", Editor, new() { ["incidentId"] = "parity-{m}" }, """{"reason": "it was an air strike", "type": "airstrike"}"""),
        ("retractIncident", Editor, new() { ["incidentId"] = "parity-{m}" }, """{"reason": "a duplicate of another report"}"""),
        ("reportRegionalFigure", Reporter, new() { ["regionId"] = "{region}" }, """{"source": "wire-{m}", "period": {"from": "2024-03-01", "to": "2024-03-31"}, "category": "killed", "partyClass": "civilians", "value": {"kind": "atLeast", "value": 515}, "certainty": "reported"}"""),
        ("reviseRegionalFigure", Reporter, new() { ["regionId"] = "{region}", ["figureId"] = "wire-{m}:killed:civilians:2024-03-01..2024-03-31" }, """{"value": {"kind": "atLeast", "value": 570}, "reason": "the running tally"}"""),
        ("disputeRegionalFigure", Reporter, new() { ["regionId"] = "{region}", ["figureId"] = "wire-{m}:killed:civilians:2024-03-01..2024-03-31" }, """{"disputedBy": "sana", "reason": "inflated"}"""),
        ("defineRegion", Admin, new() { ["regionId"] = "district-{m}" }, """{"name": "District {m}", "country": "YE", "level": "admin1"}"""),
        ("addRegionAlias", Editor, new() { ["regionId"] = "district-{m}" }, """{"alias": "Old District {m}", "reason": "the name sources give"}"""),
    ];

    private static string Fill(string text, string marker, string region) => text.Replace("{m}", marker).Replace("{region}", region);

    [Fact]
    public async Task The_same_commands_over_HTTP_and_on_import_lines_store_the_same_events()
    {
        Script.Select(s => s.Command).Distinct().Should().BeEquivalentTo(LedgerCommands.ByName.Keys, "every command of the map is in the script");

        var start = await api.Database.ScalarAsync("SELECT coalesce(max(position), 0) FROM ledger.events");
        foreach (var (command, key, ids, body) in Script)
        {
            var route = LedgerCommands.ByName[command];
            var json = JsonNode.Parse(Fill(body, "hh", "sy01"))!.AsObject();
            var path = route.Route;
            foreach (var (name, value) in ids)
            {
                var id = Fill(value, "hh", "sy01");
                if (name == route.Ids[0] && route.IdInBody) json["id"] = id;
                else path = path.Replace(name == route.Ids[0] ? "{id}" : "{" + name + "}", id);
            }
            var response = await api.Client(key).PostAsync(path, Json(json.ToJsonString()));
            ((int)response.StatusCode).Should().BeOneOf([200, 201], $"{command}: {await response.Content.ReadAsStringAsync()}");
        }
        var middle = await api.Database.ScalarAsync("SELECT max(position) FROM ledger.events");

        var lines = Script.Select((s, n) =>
        {
            var json = JsonNode.Parse(Fill(s.Body, "ii", "sy02"))!.AsObject();
            json["command"] = s.Command;
            json["id"] = $"parity-{n}";
            foreach (var (name, value) in s.Ids) json[name] = Fill(value, "ii", "sy02");
            return json.ToJsonString();
        });
        var report = await ImportAsync(string.Join('\n', lines));
        report.Error.Should().BeNull();
        report.Applied.Should().Be(Script.Length);

        var http = await EventsAsync(start, middle, "hh", "sy01");
        var imported = await EventsAsync(middle, long.MaxValue, "ii", "sy02");
        http.Should().HaveCount(Script.Length + 2, "an event per command, and besides, the report's figure and the second of two figures reported at once");
        imported.Should().Equal(http);
    }

    [Fact]
    public async Task A_batch_of_figures_with_one_unknown_source_is_refused_naming_it_and_stores_nothing()
    {
        var report = await api.Client(Reporter).PostAsync("/api/incidents", Json("""{"id": "batch-1", "title": "Raid on a village", "occurred": {"date": "2024-05-02"}, "location": {"country": "YE"}, "type": "raid"}"""));
        ((int)report.StatusCode).Should().Be(201);
        var before = await api.EventCount();
        var figure = """{"source": "{s}", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 4}, "certainty": "reported"}""";
        var refused = await api.Client(Reporter).PostAsync("/api/incidents/batch-1/figures/batch",
            Json($$"""{"figures": [{{figure.Replace("{s}", "afp")}}, {{figure.Replace("{s}", "nobody")}}]}"""));
        ((int)refused.StatusCode).Should().Be(422);
        (await Body(refused)).GetProperty("field").GetString().Should().Be("figures[1].source");
        (await api.EventCount()).Should().Be(before);
        var stored = await api.Client(Reporter).PostAsync("/api/incidents/batch-1/figures/batch",
            Json($$"""{"figures": [{{figure.Replace("{s}", "afp")}}, {{figure.Replace("{s}", "sohr")}}]}"""));
        ((int)stored.StatusCode).Should().Be(201);
        (await Body(stored)).GetProperty("figures").GetArrayLength().Should().Be(2);
    }

    private Task<ImportReport> ImportAsync(string lines) => api.ImportAsync(lines, "parity");

    /// <summary>The events between two positions as stream, type and data, with the path's marker taken out.</summary>
    private async Task<List<string>> EventsAsync(long after, long upTo, string marker, string region)
    {
        using var db = api.Database.NewDataSource();
        await using var cmd = db.CreateCommand("SELECT stream_id, type, data::text FROM ledger.events WHERE position > @after AND position <= @upTo ORDER BY position");
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("upTo", upTo);
        var events = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            events.Add($"{r.GetString(0)} {r.GetString(1)} {r.GetString(2)}".Replace(marker, "xx").Replace(region, "region"));
        return events;
    }
}
