using System.Net;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Formats;

/// <summary>`ledger import-ucdp`: a GED version becomes incidents with UCDP's figures per side; a later version's
/// revised, added and dropped events are exactly what /api/changes lists between the two imports; a bad row is
/// refused with its line, and nothing of that file is stored.</summary>
public sealed class UcdpImportTests(Api.ApiFixture api) : IClassFixture<Api.ApiFixture>
{
    private const string Header = "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,"
        + "dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,"
        + "source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,"
        + "longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
        + "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob";

    /// <summary>A row in the codebook's column order; what the test does not vary is filled as GED fills it.</summary>
    private static string Row(string id, int type, string sideA, string sideB, string country, string adm1, string where, int wherePrec,
        string start, string end, int datePrec, int a, int b, int civilians, int unknown, int low, int high, string lat = "36.2", string lon = "37.15") =>
        string.Join(',', id, $"SYR-2017-1-{id}", "2017", "TRUE", "Clear", type, "299", "299", "\"Syria: Government\"", "1", "1", "\"Government of Syria - IS\"",
            "1", "1", $"\"{sideA}\"", "2", "2", $"\"{sideB}\"", "2", "\"Reuters,2017-01-06,\"\"Clashes near Aleppo, 12 dead\"\"\"", "", "", "", "\"SOHR\"",
            wherePrec, $"\"{where}\"", $"\"{where}\"", $"\"{adm1}\"", "\"\"", lat, lon, "\"POINT (37.15 36.2)\"", "1", $"\"{country}\"", "652", "Middle East", "1", datePrec,
            start, end, a, b, civilians, unknown, a + b + civilians + unknown, high, low, "652", "");

    private static string File(params string[] rows) => string.Join('\n', [Header, .. rows]) + "\n";

    private static readonly string Clash = Row("9001", 1, "Government of Syria", "IS", "Syria", "Aleppo governorate", "Aleppo town", 1,
        "2017-01-05", "2017-01-05", 1, 4, 6, 2, 0, 10, 15);
    private static readonly string OneSided = Row("9002", 3, "IS", "Civilians", "Syria", "Deir ez-Zor governorate", "Deir ez-Zor town", 2,
        "2017-01-03", "2017-01-06", 2, 0, 0, 7, 0, 7, 9);
    private static readonly string Dropped = Row("9003", 1, "Government of Syria", "IS", "Syria", "Homs governorate", "Palmyra", 4,
        "2017-01-01", "2017-01-31", 4, 1, 1, 0, 1, 3, 3, "34.56", "38.28");
    private static readonly string Added = Row("9004", 1, "Government of Syria", "Jaysh al-Izza", "Syria", "Hama governorate", "Kafr Zita", 1,
        "2017-01-09", "2017-01-09", 1, 2, 0, 0, 0, 2, 2, "35.37", "36.6");

    private async Task<(int Code, string Output)> Import(string content, string version, string? name = null)
    {
        var path = Path.Combine(Path.GetTempPath(), name ?? $"ged-{Guid.NewGuid():N}.csv");
        await System.IO.File.WriteAllTextAsync(path, content);
        try { return await LedgerCommand.RunAsync(api.Database.ConnectionString, "import-ucdp", path, "--version", version); }
        finally { System.IO.File.Delete(path); }
    }

    private Task<long> Head() => api.Database.ScalarAsync("SELECT coalesce(max(position), 0) FROM ledger.events");

    [Fact]
    public async Task An_editor_imports_a_GED_file_over_the_API_as_the_CLI_does_and_a_reporter_cannot()
    {
        static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");
        var row = Row("9101", 3, "IS", "Civilians", "Syria", "Homs governorate", "Palmyra", 2, "2017-02-03", "2017-02-03", 1, 0, 0, 5, 0, 5, 6);
        var before = await Head();
        (await api.Client(Reporter).PostAsync("/api/imports/ucdp?version=25.1", Csv(File(row)))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var bad = await api.Client(Editor).PostAsync("/api/imports/ucdp?version=25.1", Csv(File(row, row.Replace("2017-02-03,2017-02-03", "2017-02-31,2017-02-31").Replace("9101", "9102"))));
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await Body(bad);
        problem.GetProperty("field").GetString().Should().Be("file");
        problem.GetProperty("detail").GetString().Should().StartWith("line 3:").And.EndWith("nothing of the file was stored");
        (await Head()).Should().Be(before);
        (await api.Client(Editor).PostAsync("/api/imports/ucdp?version=x y", Csv(File(row)))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var stored = await api.Client(Editor).PostAsync("/api/imports/ucdp?version=25.1", Csv(File(row)));
        stored.StatusCode.Should().Be(HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
        var report = await Body(stored);
        report.GetProperty("reported").GetInt32().Should().Be(1);
        var incident = await Body((await api.Client().GetAsync($"/api/incidents/ucdp-ged-9101?minPosition={Position(stored)}")).EnsureSuccessStatusCode());
        incident.GetProperty("figures")[0].GetProperty("value").GetProperty("value").GetInt32().Should().Be(5);
        var again = await api.Client(Editor).PostAsync("/api/imports/ucdp?version=25.1", Csv(File(row)));
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same version again appends nothing");
        (await Body(again)).GetProperty("appended").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Two_versions_make_UCDPs_changelog_and_a_repeat_appends_nothing()
    {
        var first = await Import(File(Clash, OneSided, Dropped), "25.1");
        first.Code.Should().Be(0, first.Output);
        first.Output.Should().Contain("3 reported");
        var v1 = await Head();
        (await Import(File(Clash, OneSided, Dropped), "25.1")).Output.Should().Contain("0 events appended");
        (await Head()).Should().Be(v1, "the same version again is already imported");

        var reader = api.Client();
        var clash = await Body((await reader.GetAsync($"/api/incidents/ucdp-ged-9001?minPosition={v1}")).EnsureSuccessStatusCode());
        var figures = clash.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("party").GetString()!, f => f.GetProperty("value").GetProperty("value").GetInt32());
        figures.Should().HaveCount(3).And.Contain("civilians", 2).And.Contain("isis", 6, "UCDP's \"IS\" is the registry's Islamic State");
        figures.Keys.Should().Contain("government-of-syria", "a side the registry does not know is registered");
        clash.GetProperty("location").GetProperty("admin1").GetString().Should().Be("sy02", "\"Aleppo governorate\" is Aleppo");
        clash.GetProperty("location").GetProperty("lat").GetDecimal().Should().Be(36.2m);
        // The incident's page shows where UCDP put it, and how precisely.
        var page = await reader.GetStringAsync($"/incidents/ucdp-ged-9001?minPosition={v1}");
        page.Should().Contain("<span class=\"coordinates\" id=\"coordinates\">36.2, 37.15</span>").And.Contain("(precision: exact)");
        clash.GetRawText().Should().Contain("low 10, high 15");
        var oneSided = await Body((await reader.GetAsync("/api/incidents/ucdp-ged-9002")).EnsureSuccessStatusCode());
        oneSided.GetProperty("perpetrator").GetString().Should().Be("isis");
        oneSided.GetProperty("occurred").GetProperty("endDate").GetString().Should().Be("2017-01-06");

        // 25.2: the clash revised (deaths_b 6 -> 9), one event added, one dropped, one unchanged.
        var revisedClash = Row("9001", 1, "Government of Syria", "IS", "Syria", "Aleppo governorate", "Aleppo town", 1,
            "2017-01-05", "2017-01-05", 1, 4, 9, 2, 0, 12, 18);
        var second = await Import(File(revisedClash, OneSided, Added), "25.2");
        second.Code.Should().Be(0, second.Output);
        var v2 = await Head();

        var changes = await Body((await reader.GetAsync($"/api/changes?from={v1}&to={v2}&minPosition={v2}")).EnsureSuccessStatusCode());
        var incidents = changes.GetProperty("incidents").EnumerateArray().Select(c => (c.GetProperty("incidentId").GetString(), c.GetProperty("change").GetString())).ToList();
        incidents.Should().BeEquivalentTo([("ucdp-ged-9004", "reported"), ("ucdp-ged-9003", "retracted")]);
        var figureChanges = changes.GetProperty("figures").EnumerateArray()
            .Where(f => f.GetProperty("incidentId").GetString() != "ucdp-ged-9004")
            .Select(f => (f.GetProperty("figureId").GetString(), f.GetProperty("change").GetString())).ToList();
        figureChanges.Should().BeEquivalentTo([("ucdp-ged:killed:isis", "revised")], "only the clash's IS figure moved");
        changes.GetRawText().Should().Contain("UCDP GED 25.2");

        // Out again in GED's shape, read by a CSV parser with the codebook's header.
        var export = await reader.GetStringAsync($"/api/exports/ged.csv?country=SY&minPosition={v2}");
        using var csv = new CsvHelper.CsvReader(new StringReader(export.TrimStart('\uFEFF')), System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        csv.HeaderRecord.Should().StartWith(Header.Split(',')).And.EndWith("ledger_extra");
        var rows = new Dictionary<string, Dictionary<string, string>>();
        while (csv.Read()) rows[csv.GetField("id")!] = csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h) ?? "");
        rows.Keys.Should().Contain(["9001", "9002", "9004"]).And.NotContain("9003", "a retracted event is not exported");
        var row = rows["9001"];
        (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"], row["best"]).Should().Be(("4", "9", "2", "0", "15"));
        (row["date_prec"], row["date_start"], row["where_prec"], row["adm_1"], row["country"]).Should().Be(("1", "2017-01-05", "1", "Aleppo", "Syria"));
        row["side_a"].Should().Be("Government of Syria");
        rows["9002"]["type_of_violence"].Should().Be("3");
        rows["9002"]["date_prec"].Should().Be("2");
        JsonDocument.Parse(row["ledger_extra"]).RootElement.GetProperty("incident").GetString().Should().Be("ucdp-ged-9001");
    }

    [Theory]
    [InlineData("deaths_a", "-3", 3, "deaths_a: \"-3\" is not a count")]
    [InlineData("date_start", "2017-13-40", 3, "date_start: \"2017-13-40\" is not a date")]
    [InlineData("date_end", "2017-01-20", 3, "more than date_prec 1 allows")]
    [InlineData("country", "Atlantis", 3, "country: \"Atlantis\" is not a country")]
    public async Task A_bad_row_is_refused_with_its_line_and_nothing_of_the_file_is_stored(string column, string value, int line, string says)
    {
        var good = Row("9101", 1, "Government of Syria", "IS", "Syria", "Aleppo governorate", "Aleppo", 1, "2017-01-05", "2017-01-05", 1, 1, 1, 0, 0, 2, 2);
        var bad = Row("9102", 1, "Government of Syria", "IS", "Syria", "Aleppo governorate", "Aleppo", 1, "2017-01-05", "2017-01-05", 1, 1, 1, 0, 0, 2, 2);
        var columns = Header.Split(',');
        var cells = bad.Split(',').ToList();
        // The source_article cell holds three commas of its own: count the index in the row as written.
        var index = Array.IndexOf(columns, column) + (Array.IndexOf(columns, column) > Array.IndexOf(columns, "source_article") ? 3 : 0);
        cells[index] = value;
        var before = await Head();
        var (code, output) = await Import(File(good, string.Join(',', cells)), "bad-1");
        code.Should().Be(2, output);
        output.Should().Contain($"line {line}: ").And.Contain(says).And.Contain("nothing of the file was stored");
        (await Head()).Should().Be(before);
    }

    [Fact]
    public async Task A_file_without_the_codebooks_columns_is_refused_on_its_first_line()
    {
        var (code, output) = await Import("event_id_cnty,event_date,fatalities\nSYR1,2017-01-01,3\n", "25.1");
        code.Should().Be(2, output);
        output.Should().Contain("line 1: not UCDP GED's columns").And.Contain("deaths_a");
    }
}
