using System.Net;
using System.Text;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Governorates named in Arabic, by ISO code or not at all; names beside p-codes; Arabic that arrives as
/// text in JSON and intact in a spreadsheet.</summary>
public sealed class PlaceNameTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Incident(string id, string location, string date = "2022-05-01", int killed = 4) => $$"""
        {"id": "{{id}}", "title": "هجوم على حاجز", "occurred": {"date": "{{date}}"}, "location": {{location}}, "type": "ied",
         "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": {{killed}}}, "certainty": "reported"}]}
        """;

    private async Task<HttpResponseMessage> Post(string body)
    {
        var response = await api.Client(Reporter).PostAsync("/api/incidents", Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response;
    }

    [Fact]
    public async Task An_arabic_governorate_resolves_and_is_kept_as_written_beside_its_p_code_and_name()
    {
        var created = await Post(Incident("arabic-dez", """{"country": "SY", "admin1": "دير الـزور", "place": "الميادين"}"""));
        var location = (await Body(created)).GetProperty("location");
        (location.GetProperty("admin1").GetString(), location.GetProperty("admin1Name").GetString(), location.GetProperty("admin1Given").GetString())
            .Should().Be(("sy09", "Deir-ez-Zor", "دير الـزور"));

        // The answer carries Arabic as UTF-8 text, byte for byte, not as \u escapes.
        var raw = await (await api.Client().GetAsync("/api/incidents/arabic-dez")).Content.ReadAsByteArrayAsync();
        raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes("\"admin1Given\":\"دير الـزور\"")).Should().BeGreaterThanOrEqualTo(0, Encoding.UTF8.GetString(raw));
        raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes("\"title\":\"هجوم على حاجز\"")).Should().BeGreaterThanOrEqualTo(0);
        Encoding.UTF8.GetString(raw).Should().NotContain("\\u0");
        var region = await (await api.Client().GetAsync("/api/regions/SY-DY")).Content.ReadAsByteArrayAsync();
        region.AsSpan().IndexOf(Encoding.UTF8.GetBytes("\"nameAr\":\"دير الزور\"")).Should().BeGreaterThanOrEqualTo(0, Encoding.UTF8.GetString(region));

        // The history shows what the source wrote.
        var history = await (await api.Client().GetAsync($"/api/incidents/arabic-dez/history?minPosition={Position(created)}")).Content.ReadAsStringAsync();
        history.Should().Contain("دير الـزور");
    }

    [Theory]
    [InlineData("الرقة")]
    [InlineData("الرقه")]
    [InlineData("SY-RA")]
    [InlineData("ar-raqqa")]
    public async Task Query_filters_take_arabic_names_and_iso_codes(string admin1)
    {
        var created = await Post(Incident($"raqqa-filter-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(admin1)))[..12]}", """{"country": "SY", "admin1": "Raqqa"}""", "2022-06-01", 3));
        var response = await api.Client().GetAsync($"/api/tallies?admin1={Uri.EscapeDataString(admin1)}&groupBy=admin1&category=killed&minPosition={Position(created)}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var row = (await Body(response)).GetProperty("rows").EnumerateArray().Single();
        (row.GetProperty("admin1").GetString(), row.GetProperty("admin1Name").GetString()).Should().Be(("sy11", "Ar-Raqqa"));
    }

    [Fact]
    public async Task An_incident_whose_source_names_no_governorate_counts_in_its_country_and_in_no_governorate()
    {
        var created = await Post(Incident("eastern-desert-x", """{"country": "IQ", "place": "the western desert"}""", "2021-02-02", 9));
        var location = (await Body(created)).GetProperty("location");
        location.TryGetProperty("admin1", out _).Should().BeFalse();
        location.GetProperty("precision").GetString().Should().Be("country");

        var min = Position(created);
        var rows = (await Body(await api.Client().GetAsync($"/api/tallies?country=IQ&groupBy=admin1&category=killed&minPosition={min}")))
            .GetProperty("rows").EnumerateArray().ToList();
        rows.Where(r => !r.TryGetProperty("admin1", out _)).Should().ContainSingle().Which.GetProperty("best").GetInt64().Should().Be(9);
        var anbar = await Body(await api.Client().GetAsync("/api/tallies?admin1=Anbar&category=killed"));
        anbar.GetProperty("rows").EnumerateArray().Should().ContainSingle().Which.GetProperty("incidents").GetInt64()
            .Should().Be(0, "the western desert is in no governorate");

        // A precision that claims a governorate needs one.
        var before = await api.EventCount();
        var refused = await api.Client(Reporter).PostAsync("/api/incidents",
            Json(Incident("nowhere-admin1", """{"country": "IQ", "precision": "admin1"}""")));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await Body(refused)).GetProperty("field").GetString().Should().Be("location.precision");
        (await api.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task Csv_exports_open_in_a_spreadsheet_with_arabic_intact()
    {
        var created = await Post(Incident("csv-arabic", """{"country": "SY", "admin1": "حماه"}""", "2022-07-01", 2));
        var bytes = await (await api.Client().GetAsync($"/api/exports/incidents.csv?admin1=Hama&minPosition={Position(created)}")).Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.Should().Contain("csv-arabic,هجوم على حاجز,2022-07-01").And.Contain("SY05,Hama,حماه", "OCHA writes p-codes in capitals");

        var plain = await (await api.Client().GetAsync("/api/exports/tallies.csv?groupBy=admin1&bom=false")).Content.ReadAsByteArrayAsync();
        plain.Take(7).Should().Equal(Encoding.ASCII.GetBytes("country"));
    }
}
