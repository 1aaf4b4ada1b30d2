using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Formats;

/// <summary>`ledger import-acled`: an export becomes incidents with ACLED's fatalities; a newer export's changed,
/// added and dropped events are exactly what /api/changes lists between the two; a bad row is refused by line.</summary>
public sealed class AcledImportTests(Api.ApiFixture api) : IClassFixture<Api.ApiFixture>
{
    private const string Header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
        + "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,"
        + "geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

    private static string Row(string id, string date, int timePrecision, string subType, string actor1, string inter1, string admin1, string location,
        int fatalities, long timestamp, string country = "Yemen", string eventType = "Explosions/Remote violence") =>
        string.Join(',', id, date, date[..4], timePrecision, "Political violence", $"\"{eventType}\"", $"\"{subType}\"", $"\"{actor1}\"", "", $"\"{inter1}\"",
            "\"Civilians (Yemen)\"", "", "\"Civilians\"", "\"State forces-Civilians\"", "Civilian targeting", "887", "Middle East", country, $"\"{admin1}\"",
            "\"Al Mualla\"", "", $"\"{location}\"", "12.7794", "45.0367", "1", "\"Aden al-Ghad\"", "Subnational",
            $"\"On {date}, a drone strike hit a market in {location}, killing {fatalities}.\"", fatalities, "", timestamp);

    private static string File(params string[] rows) => string.Join('\n', [Header, .. rows]) + "\n";

    private async Task<(int Code, string Output)> Import(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"acled-{Guid.NewGuid():N}.csv");
        await System.IO.File.WriteAllTextAsync(path, content);
        try { return await LedgerCommand.RunAsync(api.Database.ConnectionString, "import-acled", path); }
        finally { System.IO.File.Delete(path); }
    }

    private Task<long> Head() => api.Database.ScalarAsync("SELECT coalesce(max(position), 0) FROM ledger.events");

    [Fact]
    public async Task A_newer_export_records_ACLEDs_revisions_and_a_repeat_appends_nothing()
    {
        var strike = Row("YEM90001", "2024-03-02", 1, "Air/drone strike", "Military Forces of Yemen (2017-) Houthi", "State forces", "Aden", "Aden", 3, 1709500000);
        var shelling = Row("YEM90002", "2024-03-05", 2, "Shelling/artillery/missile attack", "Ansar Allah", "Rebel group", "Aden", "Crater", 1, 1709600000);
        var dropped = Row("YEM90003", "2024-03-07", 1, "Attack", "Unidentified Armed Group (Yemen)", "Political militia", "Aden", "Sheikh Othman", 2, 1709700000,
            eventType: "Violence against civilians");
        // ISO's romanisation is ‘Adan; ACLED writes Aden, a name an editor teaches the ledger once.
        (await api.Client(Editor).PostAsync("/api/regions/YE-AD/aliases", Json("""{"alias": "Aden", "reason": "ACLED's spelling"}""")))
            .StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var first = await Import(File(strike, shelling, dropped));
        first.Code.Should().Be(0, first.Output);
        var v1 = await Head();
        (await Import(File(strike, shelling, dropped))).Output.Should().Contain("0 events appended");

        var reader = api.Client();
        var incident = await Body((await reader.GetAsync($"/api/incidents/acled-yem90001?minPosition={v1}")).EnsureSuccessStatusCode());
        incident.GetProperty("type").GetString().Should().Be("air-strike");
        incident.GetProperty("location").GetProperty("admin1").GetString().Should().Be("ye-ad", "ACLED's \"Aden\" is the division Aden");
        incident.GetProperty("figures")[0].GetProperty("value").GetProperty("value").GetInt32().Should().Be(3);
        incident.GetProperty("figures")[0].GetProperty("party").GetString().Should().Be("unknown", "ACLED's fatalities are for no party");
        var week = await Body((await reader.GetAsync("/api/incidents/acled-yem90002")).EnsureSuccessStatusCode());
        week.GetProperty("occurred").GetProperty("precision").GetString().Should().Be("week");
        week.GetProperty("perpetrator").GetString().Should().Be("ansar-allah", "ACLED's name resolves through the registry");

        var revised = Row("YEM90001", "2024-03-02", 1, "Air/drone strike", "Military Forces of Yemen (2017-) Houthi", "State forces", "Aden", "Aden", 5, 1709900000);
        var added = Row("YEM90004", "2024-03-08", 1, "Armed clash", "Ansar Allah", "Rebel group", "Aden", "Dar Saad", 4, 1709900000, eventType: "Battles");
        // The newer export covers 2 to 8 March: an event of those days it no longer holds was dropped.
        var second = await Import(File(revised, shelling, added));
        second.Code.Should().Be(0, second.Output);
        var v2 = await Head();
        var changes = await Body((await reader.GetAsync($"/api/changes?from={v1}&to={v2}&minPosition={v2}")).EnsureSuccessStatusCode());
        changes.GetProperty("incidents").EnumerateArray().Select(c => (c.GetProperty("incidentId").GetString(), c.GetProperty("change").GetString()))
            .Should().BeEquivalentTo([("acled-yem90004", "reported"), ("acled-yem90003", "retracted")]);
        changes.GetProperty("figures").EnumerateArray().Where(f => f.GetProperty("incidentId").GetString() != "acled-yem90004")
            .Select(f => (f.GetProperty("incidentId").GetString(), f.GetProperty("change").GetString()))
            .Should().BeEquivalentTo([("acled-yem90001", "revised")]);

        // Out again in ACLED's shape, read by a CSV parser with the codebook's names.
        var export = await reader.GetStringAsync($"/api/exports/acled.csv?country=YE&minPosition={v2}");
        using var csv = new CsvHelper.CsvReader(new StringReader(export.TrimStart('\uFEFF')), System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        csv.HeaderRecord.Should().Contain(["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "fatalities", "ledger_extra"]);
        var rows = new Dictionary<string, Dictionary<string, string>>();
        while (csv.Read()) rows[csv.GetField("event_id_cnty")!] = csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h) ?? "");
        rows.Keys.Should().BeEquivalentTo(["YEM90001", "YEM90002", "YEM90004"]);
        var strikeRow = rows["YEM90001"];
        (strikeRow["event_date"], strikeRow["time_precision"], strikeRow["event_type"], strikeRow["sub_event_type"], strikeRow["fatalities"], strikeRow["admin1"])
            .Should().Be(("2024-03-02", "1", "Explosions/Remote violence", "Air/drone strike", "5", "‘Adan"));
        (rows["YEM90002"]["event_date"], rows["YEM90002"]["time_precision"]).Should().Be(("2024-03-05", "2"), "a week is dated at its middle, as ACLED dates it");
    }

    [Fact]
    public async Task A_negative_count_is_refused_with_its_line_and_nothing_is_stored()
    {
        var before = await Head();
        var good = Row("YEM91001", "2024-03-02", 1, "Air/drone strike", "Ansar Allah", "Rebel group", "Aden", "Aden", 3, 1709500000);
        var bad = Row("YEM91002", "2024-03-02", 1, "Air/drone strike", "Ansar Allah", "Rebel group", "Aden", "Aden", 3, 1709500000).Replace(",3,,1709500000", ",-3,,1709500000");
        var (code, output) = await Import(File(good, bad));
        code.Should().Be(2, output);
        output.Should().Contain("line 3: fatalities: \"-3\" is not a count").And.Contain("nothing of the file was stored");
        (await Head()).Should().Be(before);
    }
}
