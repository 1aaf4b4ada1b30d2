using System.Globalization;
using System.Net;
using CsvHelper;
using CsvHelper.Configuration;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>docs/CONTRACT.md §1 "Dates, countries and actors as precise as the source": dates are intervals that a
/// period counts only when they lie wholly inside it, country is a dimension, actors and types resolve from any
/// alias, revisions carry their own quotes, and the exports say what an analyst needs. Expected numbers by hand.</summary>
public sealed class PreciseDataTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Incident(string id, string date, string precision, string country, string? admin1, int killed, string perpetrator = "isis",
        string type = "ambush", string? endDate = null) => $$"""
        {"id": "{{id}}", "title": "Attack {{id}}", "occurred": {"date": "{{date}}", "precision": "{{precision}}"{{(endDate is null ? "" : $", \"endDate\": \"{endDate}\"")}}},
         "location": {"country": "{{country}}"{{(admin1 is null ? ", \"precision\": \"country\"" : $", \"admin1\": \"{admin1}\"")}}}, "type": "{{type}}",
         "perpetrator": "{{perpetrator}}",
         "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": {{killed}}}, "certainty": "reported",
                      "quote": "«{{killed}} killed»", "url": "https://example.org/{{id}}", "publishedAt": "2024-02-01T00:00:00Z"}]}
        """;

    private async Task<long> Post(string body)
    {
        var response = await api.Client(Reporter).PostAsync("/api/incidents", Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Position(response);
    }

    private async Task<List<(string? Month, long? Best, long Incidents, long Straddling)>> Rows(string query, long after)
    {
        var response = await api.Client().GetAsync($"/api/tallies?category=killed&{query}&minPosition={after}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await Body(response)).GetProperty("rows").EnumerateArray().Select(r => (
            r.TryGetProperty("month", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String ? m.GetString() : null,
            r.TryGetProperty("best", out var b) && b.ValueKind == System.Text.Json.JsonValueKind.Number ? b.GetInt64() : (long?)null,
            r.GetProperty("incidents").GetInt64(), r.GetProperty("straddling").GetInt64())).ToList();
    }

    [Fact]
    public async Task Dates_are_intervals_a_period_counts_only_what_lies_wholly_inside_and_says_what_straddles()
    {
        // In Hama: a day (2 killed), a week across the end of March (3), a month (5) and a year (7).
        var last = await Post(Incident("hama-day", "2021-03-15", "day", "SY", "Hama", 2));
        last = Math.Max(last, await Post(Incident("hama-week", "2021-03-29", "week", "SY", "Hama", 3)));
        last = Math.Max(last, await Post(Incident("hama-month", "2021-06-01", "month", "SY", "Hama", 5)));
        last = Math.Max(last, await Post(Incident("hama-year", "2021-01-01", "year", "SY", "Hama", 7)));

        // The whole year holds all four.
        (await Rows("admin1=Hama&from=2021-01-01&to=2021-12-31", last)).Should().Equal([(null, 17L, 4L, 0L)]);
        // March: the day lies inside; the week (29 March to 4 April) and the year straddle it.
        (await Rows("admin1=Hama&from=2021-03-01&to=2021-03-31", last)).Should().Equal([(null, 2L, 1L, 2L)]);
        // 2 to 30 June: the month "June 2021" may have been the 1st, so it straddles, as the year does.
        (await Rows("admin1=Hama&from=2021-06-02&to=2021-06-30", last)).Should().Equal([(null, null, 0L, 2L)]);
        // The whole of June holds the month.
        (await Rows("admin1=Hama&from=2021-06-01&to=2021-06-30", last)).Should().Equal([(null, 5L, 1L, 1L)]);
        // By month: the week crosses a month's end and the year spans twelve, so both are in the row without a month.
        (await Rows("admin1=Hama&groupBy=month", last)).Should().Equal([("2021-03", 2L, 1L, 0L), ("2021-06", 5L, 1L, 0L), (null, 10L, 2L, 0L)]);
        // By year: all four lie in 2021.
        var byYear = await Body(await api.Client().GetAsync("/api/tallies?category=killed&admin1=Hama&groupBy=year"));
        byYear.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("year").GetInt32(), r.GetProperty("best").GetInt64())).Should().Equal([(2021, 17L)]);

        // Lists count as tallies do, and say how precise each date is; dates=overlapping adds what only overlaps.
        var june = await Body(await api.Client().GetAsync("/api/incidents?admin1=Hama&from=2021-06-02&to=2021-06-30"));
        june.GetProperty("incidents").GetArrayLength().Should().Be(0);
        var overlapping = await Body(await api.Client().GetAsync("/api/incidents?admin1=Hama&from=2021-06-02&to=2021-06-30&dates=overlapping"));
        overlapping.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().BeEquivalentTo(["hama-month", "hama-year"]);
        var month = (await Body(await api.Client().GetAsync("/api/incidents/hama-month"))).GetProperty("occurred");
        (month.GetProperty("date").GetString(), month.GetProperty("precision").GetString(), month.GetProperty("endDate").GetString(), month.GetProperty("text").GetString())
            .Should().Be(("2021-06-01", "month", "2021-06-30", "June 2021"));
    }

    [Fact]
    public async Task Country_is_a_dimension_and_incidents_placed_in_no_governorate_stay_in_their_country()
    {
        var last = await Post(Incident("sy-desert", "2022-02-02", "day", "SY", null, 11));
        last = Math.Max(last, await Post(Incident("iq-mountains", "2022-02-03", "day", "IQ", null, 2)));
        last = Math.Max(last, await Post(Incident("iq-balad", "2022-02-04", "day", "IQ", "Salahaddin", 10)));

        var body = await Body(await api.Client().GetAsync($"/api/tallies?category=killed&from=2022-02-01&to=2022-02-28&groupBy=country&minPosition={last}"));
        body.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("country").GetString(), r.GetProperty("best").GetInt64()))
            .Should().Equal([("IQ", 12L), ("SY", 11L)]);
        var byAdmin1 = await Body(await api.Client().GetAsync("/api/tallies?category=killed&from=2022-02-01&to=2022-02-28&groupBy=admin1"));
        byAdmin1.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()).Should().Equal("country", "admin1");
        byAdmin1.GetProperty("rows").EnumerateArray().Where(r => !r.TryGetProperty("admin1", out var a) || a.ValueKind == System.Text.Json.JsonValueKind.Null)
            .Select(r => (r.GetProperty("country").GetString(), r.GetProperty("best").GetInt64())).Should().BeEquivalentTo([("IQ", 2L), ("SY", 11L)],
                "the row of incidents with no governorate is per country, never Syria and Iraq added together");
        var none = await Body(await api.Client().GetAsync("/api/incidents?admin1=none&country=IQ&from=2022-02-01&to=2022-02-28"));
        none.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("iq-mountains");

        var csv = await (await api.Client().GetAsync("/api/exports/tallies.csv?category=killed&from=2022-02-01&to=2022-02-28&groupBy=admin1&bom=false")).Content.ReadAsStringAsync();
        csv.Should().Contain("IQ,IQG16,Salah Al-Din,10,10,10,1").And.Contain("IQ,,,2,2,2,1").And.Contain("SY,,,11,11,11,1");
        (await api.Client().GetAsync("/api/incidents?country=XX")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Actors_types_and_sources_resolve_from_any_alias_in_any_case()
    {
        var last = await Post(Incident("alias-daesh", "2022-05-05", "day", "SY", "Homs", 4, perpetrator: "Daesh", type: "airstrike"));
        last = Math.Max(last, await Post(Incident("alias-arabic", "2022-05-06", "day", "SY", "Homs", 6, perpetrator: "داعش", type: "car bomb")));
        async Task<string[]> Ids(string query)
        {
            var response = await api.Client().GetAsync($"/api/incidents?admin1=Homs&from=2022-05-01&to=2022-05-31&{query}&minPosition={last}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await Body(response)).GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order().ToArray();
        }
        foreach (var name in new[] { "Daesh", "%D8%AF%D8%A7%D8%B9%D8%B4", "ISIL", "isis", "Islamic%20State" })
            (await Ids($"perpetrator={name}")).Should().Equal(["alias-arabic", "alias-daesh"], name);
        (await Ids("type=airstrike")).Should().Equal("alias-daesh");
        (await Ids("type=AIR-STRIKE")).Should().Equal("alias-daesh");
        (await Ids("type=vbied")).Should().Equal("alias-arabic");
        (await Ids("source=SOHR")).Should().Equal("alias-arabic", "alias-daesh");
        (await Body(await api.Client().GetAsync("/api/incidents/alias-daesh"))).GetProperty("perpetrator").GetString().Should().Be("isis");

        var unknown = await api.Client().GetAsync("/api/incidents?perpetrator=the-vikings");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Body(unknown);
        problem.GetProperty("field").GetString().Should().Be("perpetrator");
        // The registry is data and grows: the closest names, and where the whole list is.
        problem.GetProperty("detail").GetString().Should().Contain("closest: ").And.Contain("isis").And.Contain("GET /api/actors").And.Contain("POST /api/actors");
        var badType = await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("alias-bad", "2022-05-07", "day", "SY", "Homs", 1, type: "picnic")));
        ((int)badType.StatusCode).Should().Be(422);
        (await Body(badType)).GetProperty("detail").GetString().Should().Contain("air-strike");
    }

    [Fact]
    public async Task A_revision_shows_its_own_quote_and_the_figures_export_keeps_every_report()
    {
        var last = await Post(Incident("quote-revised", "2022-08-08", "day", "SY", "Idlib", 4));
        var figure = "sohr:killed:syrian-army";
        var revised = await api.Client(Reporter).PostAsync($"/api/incidents/quote-revised/figures/{figure}/revisions", Json("""
            {"value": {"kind": "range", "low": 8, "high": 12}, "reason": "a later count", "quote": "ثمانية إلى اثني عشر", "url": "https://example.org/later",
             "publishedAt": "2024-02-10T00:00:00Z"}
            """));
        revised.StatusCode.Should().Be(HttpStatusCode.Created, await revised.Content.ReadAsStringAsync());
        last = Math.Max(last, Position(revised));
        var now = (await Body(await api.Client().GetAsync("/api/incidents/quote-revised"))).GetProperty("figures")[0];
        (now.GetProperty("quote").GetString(), now.GetProperty("url").GetString(), now.GetProperty("publishedAt").GetString())
            .Should().Be(("ثمانية إلى اثني عشر", "https://example.org/later", "2024-02-10T00:00:00+00:00"));

        var text = await (await api.Client().GetAsync($"/api/exports/figures.csv?admin1=Idlib&from=2022-08-01&to=2022-08-31&bom=false&minPosition={last}")).Content.ReadAsStringAsync();
        using var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read(); csv.ReadHeader();
        csv.Read(); // the HXL hashtag row
        csv.GetField("incident").Should().Be("#event+id");
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        rows.Should().HaveCount(2, "the first report and its revision");
        rows.Select(r => (r["status"], r["valueKind"], r["low"], r["best"], r["high"], r["quote"], r["url"])).Should().Equal(
            ("revised", "exact", "4", "4", "4", "«4 killed»", "https://example.org/quote-revised"),
            ("current", "range", "8", "10", "12", "ثمانية إلى اثني عشر", "https://example.org/later"));
        rows.Should().OnlyContain(r => r["admin1"] == "SY07" && r["sourceName"] == "Syrian Observatory for Human Rights" && r["sourceKind"] == "monitor"
            && r["dateStart"] == "2022-08-08" && r["datePrecision"] == "day" && r["figure"] == figure && long.Parse(r["position"], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task The_incidents_export_says_how_precise_dates_are_and_when_a_number_is_not_the_whole_toll()
    {
        var last = await Post("""
            {"id": "strike-unquantified", "title": "Strike", "occurred": {"date": "2022-09-01", "precision": "month"}, "location": {"country": "SY", "precision": "country"},
             "type": "missile strike", "perpetrator": "IDF",
             "figures": [{"source": "sohr", "category": "killed", "party": "irgc", "partyClass": "foreign-forces", "value": {"kind": "exact", "value": 4}, "certainty": "reported"},
                         {"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "unquantified", "text": "a number of"}, "certainty": "reported"}]}
            """);
        var text = await (await api.Client().GetAsync($"/api/exports/incidents.csv?from=2022-09-01&to=2022-09-30&bom=false&minPosition={last}")).Content.ReadAsStringAsync();
        using var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read(); csv.ReadHeader(); csv.Read();
        csv.Read().Should().BeTrue();
        (csv.GetField("id"), csv.GetField("dateStart"), csv.GetField("dateEnd"), csv.GetField("datePrecision"), csv.GetField("date"), csv.GetField("killed"),
            csv.GetField("killedUnquantified"), csv.GetField("type"), csv.GetField("perpetrator"))
            .Should().Be(("strike-unquantified", "2022-09-01", "2022-09-30", "month", "September 2022", "4", "1", "air-strike", "israel"));
    }
}
