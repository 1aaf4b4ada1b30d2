using System.Net;
using Ledger.IntegrationTests.Web;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>A source's record over the sample: Amaq's figures are all claims; SOHR's were revised; any case names the
/// source; as of the start of the log nothing is reported yet.</summary>
public sealed class SourceRecordTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Amaqs_record_is_all_claims_and_any_case_names_it()
    {
        var record = (await Body((await web.Api.GetAsync("/api/sources/AMAQ/record")).EnsureSuccessStatusCode())).GetProperty("record");
        record.GetProperty("source").GetString().Should().Be("amaq");
        var reported = record.GetProperty("figuresReported").GetInt32();
        reported.Should().BeGreaterThan(0);
        record.GetProperty("claimed").GetInt32().Should().Be(reported, "an armed group's own outlet only ever claims");
    }

    [Fact]
    public async Task SOHRs_running_toll_revised_from_515_to_570_is_in_its_regional_record()
    {
        var regional = (await Body((await web.Api.GetAsync("/api/sources/sohr/record")).EnsureSuccessStatusCode())).GetProperty("record").GetProperty("regional");
        regional.GetProperty("figuresReported").GetInt32().Should().BeGreaterThan(0);
        regional.GetProperty("revisedUp").GetInt32().Should().BeGreaterThan(0, "the sample's toll went from an estimated 515 to at least 570");
        var then = (await Body(await web.Api.GetAsync("/api/sources/sohr/record?asOfPosition=1"))).GetProperty("record").GetProperty("regional");
        then.GetProperty("figuresReported").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task As_of_the_first_position_nothing_is_reported_and_an_unknown_source_is_a_404()
    {
        var record = (await Body((await web.Api.GetAsync("/api/sources/sohr/record?asOfPosition=1")).EnsureSuccessStatusCode())).GetProperty("record");
        record.GetProperty("figuresReported").GetInt32().Should().Be(0);
        var now = (await Body(await web.Api.GetAsync("/api/sources/sohr/record"))).GetProperty("record");
        now.GetProperty("figuresReported").GetInt32().Should().BeGreaterThan(0);
        var missing = await web.Api.GetAsync("/api/sources/no-such-source/record");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Body(missing)).GetProperty("field").GetString().Should().Be("id");
    }

    [Fact]
    public async Task Sources_csv_gives_each_sources_record_in_a_row_the_same_as_the_api()
    {
        var text = await web.Api.GetStringAsync("/api/exports/sources.csv?bom=false");
        using var csv = new CsvHelper.CsvReader(new StringReader(text), System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        csv.Read(); // the HXL row
        var rows = new Dictionary<string, Dictionary<string, string>>();
        while (csv.Read()) rows[csv.GetField("source")!] = csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h) ?? "");
        rows.Keys.Should().Contain(["sohr", "amaq"]);
        foreach (var source in new[] { "sohr", "amaq" })
        {
            var record = (await Body((await web.Api.GetAsync($"/api/sources/{source}/record")).EnsureSuccessStatusCode())).GetProperty("record");
            rows[source]["figuresReported"].Should().Be(record.GetProperty("figuresReported").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            rows[source]["claimed"].Should().Be(record.GetProperty("claimed").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var start = await web.Api.GetStringAsync("/api/exports/sources.csv?asOfPosition=1&bom=false");
        start.Should().StartWith("asOfPosition,1,", "an export of a past point cites it");
    }
}
