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
}
