using Ledger.Import;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Server.Cli;

namespace Ledger.IntegrationTests;

public sealed class SampleDataTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private async Task<ImportReport> Import(TextReader input, bool allOrNothing = false)
    {
        await using var node = new LedgerNode(db);
        await GazetteerSeeding.EnsureAsync(node.Host);
        var session = new ImportSession(node.Store, "sample");
        var report = await new Importer(session, await ImportNames.LoadAsync(session, new RegionDirectory(node.Store.DataSource)))
            .RunAsync(input, allOrNothing);
        var runner = new ProjectionRunner(node.Store, LedgerProjections.All());
        foreach (var p in runner.Projections) await runner.CatchUpAsync(p);
        return report;
    }

    [Fact]
    public async Task The_sample_codes_the_articles_and_a_second_import_appends_nothing()
    {
        var first = await Import(SampleData.Open());
        first.Error.Should().BeNull();
        first.Applied.Should().Be(37);
        var events = await db.ScalarAsync("SELECT count(*) FROM ledger.events");
        var second = await Import(SampleData.Open());
        (second.Applied, second.Duplicates, second.Events).Should().Be((0, 37, 0L));
        (await db.ScalarAsync("SELECT count(*) FROM ledger.events")).Should().Be(events);

        var incidents = new IncidentQueries(db.DataSource);
        // "at least 14 Syrian soldiers were killed" near Palmyra (Crescent International).
        var bus = (await incidents.GetAsync("palmyra-bus-2024-01-09"))!;
        bus.State.Figures.Values.Single().Value.Should().Be(new AtLeastValue(14));
        bus.State.Occurred!.Date.Should().Be(new DateOnly(2024, 1, 9));
        // "Twenty regime militia members were allegedly killed" (Amaq): a claim, and the only number: contested.
        var sukhna = (await incidents.GetAsync("sukhna-capture-2019-10-01"))!;
        sukhna.Reconciled.Single().Should().Match<ReconciledEstimate>(r => r.Best == 20 && r.Contested);
        sukhna.State.Figures.Values.Single().Certainty.Should().Be(Certainty.Claimed);
        // Balad: AW's 10 and the PMF's confirmation of 10; the PMF's "numerous" enemy dead is unquantified.
        var balad = (await incidents.GetAsync("balad-pmf-2020-05-02"))!;
        balad.State.Location!.Admin1.Should().Be("iqg16");
        balad.Reconciled.Should().Contain(r => r.PartyClass == PartyClass.StateForces && r.Best == 10 && r.Sources.Count == 2);
        balad.Reconciled.Should().Contain(r => r.PartyClass == PartyClass.NonStateArmedGroups && r.Best == null && r.Unquantified == 1);
        // A month-precise date is not given a day.
        (await incidents.GetAsync("mayadeen-mazare-2020-06"))!.State.Occurred!.Precision.Should().Be(DatePrecision.Month);

        var tally = await new TallyQueries(db.DataSource).TalliesAsync(new TallyFilter { Category = FigureCategory.Killed }, [TallyDimension.Admin1]);
        tally.Rows.Single(r => r.Admin1 == "sy04").Best.Should().Be(14 + 20);
        tally.Rows.Single(r => r.Admin1 == "iqg11").Best.Should().Be(2, "two US marines in the Makhmur Mountains");

        // SOHR's running tally: an estimated 515 (AW, May 2020) revised to at least 570 (Atalayar).
        var badiya = (await new RegionalFigureQueries(db.DataSource, new TallyQueries(db.DataSource)).GetAsync("badiya"))!.Value;
        var running = badiya.Figures.Single(f => f.Figure.FigureId == "sohr:killed:state-forces:2019-03-24");
        running.History.Select(h => h.ValueAfter).Should().Equal(new ApproximateValue(515), new AtLeastValue(570));
        var attacks = (await new RegionalFigureQueries(db.DataSource, new TallyQueries(db.DataSource)).GetAsync("sy"))!.Value.Figures.Single();
        attacks.Figure.Should().Match<RegionalFigureState>(f => f.Value == new RangeValue(950, 975) && f.Certainty == Certainty.Claimed);
    }

    [Fact]
    public async Task A_bad_line_stops_the_import_with_its_number_leaving_earlier_lines_or_with_all_or_nothing_none()
    {
        string Line(string id, string incident) =>
            $$"""{"command": "reportIncident", "id": "{{id}}", "incidentId": "{{incident}}", "title": "t", "occurred": {"date": "2022-02-02"}, "location": {"country": "SY", "admin1": "Hama"}, "type": "ied"}""";
        var file = string.Join('\n', Line("l1", "imp-a"), "", Line("l3", "imp-b"), Line("l4", "Bad Id"), Line("l5", "imp-c"));

        var report = await Import(new StringReader(file));
        report.Error!.Line.Should().Be(4);
        report.Error.Field.Should().Be("id");
        (await db.ScalarAsync("SELECT count(*) FROM ledger.streams WHERE stream_id IN ('incident-imp-a', 'incident-imp-b', 'incident-imp-c')")).Should().Be(2);

        var atomic = await Import(new StringReader(file.Replace("imp-", "atomic-")), allOrNothing: true);
        atomic.Error!.Line.Should().Be(4);
        (await db.ScalarAsync("SELECT count(*) FROM ledger.streams WHERE stream_id LIKE 'incident-atomic-%'")).Should().Be(0);

        (await Import(new StringReader("{\"command\": \"reportIncident\", \"id\": \"x\""))).Error!.Message.Should().Contain("not valid JSON");
        (await Import(new StringReader("""{"command": "launchMissiles", "id": "x"}"""))).Error!.Field.Should().Be("command");
        (await Import(new StringReader("""{"command": "reportIncident", "id": "x", "incidentId": "a", "incidentId": "b"}"""))).Error!.Message.Should().Contain("not valid JSON");
        (await Import(new StringReader("""{"command": "reportIncident", "id": "x", "location": {"admin1": "a", "admin1": "b"}}"""))).Error!.Message.Should().Contain("not valid JSON");
        (await Import(new StringReader("""{"command": "defineRegion", "id": "x", "name": ["\ud800"]}"""))).Error!.Line.Should().Be(1); // a lone surrogate
        (await Import(new StringReader("""{"command": "reportFigure", "id": "x", "source": "sohr"}"""))).Error!.Line.Should().Be(1);
    }
}
