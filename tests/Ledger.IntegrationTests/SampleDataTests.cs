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
        await using var node = await LedgerNode.StartAsync(db);
        await GazetteerSeeding.EnsureAsync(node.Store);
        var session = new ImportSession(node.Store, "sample");
        var report = await new Importer(session, await ImportNames.LoadAsync(session, new RegionDirectory(node.Store.DataSource)))
            .RunAsync(input, allOrNothing);
        var runner = new ReadModelDaemon(node.Store, LedgerProjections.All());
        await runner.CatchUpAsync();
        return report;
    }

    [Fact]
    public async Task The_sample_codes_the_articles_and_a_second_import_appends_nothing()
    {
        var first = await Import(SampleData.Open());
        first.Error.Should().BeNull();
        first.Applied.Should().Be(39);
        var events = await db.ScalarAsync("SELECT count(*) FROM ledger.events");
        var second = await Import(SampleData.Open());
        (second.Applied, second.Duplicates, second.Events).Should().Be((0, 39, 0L));
        (await db.ScalarAsync("SELECT count(*) FROM ledger.events")).Should().Be(events);

        var incidents = new IncidentQueries(db.DataSource);
        // "at least 14 Syrian soldiers were killed" near Palmyra (Crescent International).
        var bus = (await incidents.GetAsync("palmyra-bus-2024-01-09"))!;
        bus.State.Figures.Values.Single().Value.Should().Be(new AtLeastValue(14));
        bus.State.Occurred!.Date.Should().Be(new DateOnly(2024, 1, 9));
        // "In the desert near the ancient city of Palmyra": the article names no governorate, so none is kept as written.
        bus.State.Location!.Should().Match<Location>(l => l.Admin1 == "sy04" && l.Admin1Given == null);
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
        (await incidents.GetAsync("mayadeen-mazare-2020-06"))!.State.Occurred!.Should().Match<Occurrence>(o => o.Precision == DatePrecision.Month && o.Text == "June 2020");
        // Al-Bolil: "attack on the ... NDF positions ..., killing three people": the three are not said to be NDF.
        (await incidents.GetAsync("bolil-ndf-2020-06"))!.State.Figures.Values.Single().Should().Match<FigureState>(f =>
            f.Party == "unknown" && f.PartyClass == PartyClass.Unknown && f.Value == new ExactValue(3) && f.PublishedAt != null);
        // "Nine Syrian troops and allied forces", not the Syrian army alone.
        (await incidents.GetAsync("eastern-desert-posts-2024-01"))!.State.Figures.Values.Single().Party.Should().Be("syrian-army-and-allies");
        // "The assassination of Daesh leader Abu Hussein al-Qurashi ... in Idlib amid clashes with ... HTS": no perpetrator named.
        (await incidents.GetAsync("idlib-qurashi-2023-04"))!.State.Should().Match<IncidentState>(s => s.Perpetrator == null && s.Type == "assassination");
        // Raqqa and Haws happened "today", the article's own date (1 October 2019).
        foreach (var today in new[] { "raqqa-sdf-positions-2019-10", "haws-sdf-vehicle-2019-10" })
            (await incidents.GetAsync(today))!.State.Occurred.Should().Be(new Occurrence(new DateOnly(2019, 10, 1)), today);
        // Figures from articles that carry a date carry it too (AW, May 2020).
        (await incidents.GetAsync("makhmur-raid-2020-03-08"))!.State.Figures.Values.Should().OnlyContain(f => f.PublishedAt != null);

        // "In the Raqqa countryside": Ar-Raqqa is SY11 in OCHA's p-codes (the first version filed it under Tartous's SY10).
        (await incidents.GetAsync("raqqa-sdf-positions-2019-10"))!.State.Location!.Should().Match<Location>(l => l.Admin1 == "sy11" && l.Admin1Given == "Raqqa");
        // "A month later" than Daesh's confirmation in August 2023, "in northern Syria": September, and no governorate.
        var raid = (await incidents.GetAsync("northern-syria-raid-2023-09"))!.State;
        (raid.Occurred!.Date, raid.Occurred.Precision, raid.Location!.Admin1, raid.Location.Precision)
            .Should().Be((new DateOnly(2023, 9, 1), DatePrecision.Month, (string?)null, LocationPrecision.Country));
        // Neither the IRGC strike nor the nine troops "in the eastern desert" has a place in its article.
        foreach (var unplaced in new[] { "missile-strike-2024-01-20", "eastern-desert-posts-2024-01", "desert-sdf-vehicles-2020-05-07", "makhmur-raid-2020-03-08" })
            (await incidents.GetAsync(unplaced))!.State.Location!.Should().Match<Location>(l => l.Admin1 == null && l.Precision == LocationPrecision.Country, unplaced);

        var tally = await new TallyQueries(db.DataSource).TalliesAsync(new TallyFilter { Category = FigureCategory.Killed }, [TallyDimension.Admin1]);
        tally.Rows.Single(r => r.Admin1 == "sy04").Should().Match<TallyRow>(r => r.Best == 14 + 20 && r.Admin1Name == "Homs");
        // Incidents placed in no governorate count in their country, in a row of their own, never in a governorate:
        // nine troops in the eastern desert, four IRGC members, eleven SDF fighters in the Syrian desert, two US marines.
        // Per country, never Syria and Iraq added together.
        tally.Rows.Single(r => r.Admin1 == null && r.Country == "SY").Should().Match<TallyRow>(r => r.Best == 9 + 4 + 11 && r.Incidents == 3);
        tally.Rows.Single(r => r.Admin1 == null && r.Country == "IQ").Should().Match<TallyRow>(r => r.Best == 2 && r.Incidents == 1);
        tally.Rows.Should().NotContain(r => r.Admin1 == "sy01" || r.Admin1 == "iqg11" || r.Admin1 == "sy02");

        // SOHR's running tally: an estimated 515 (AW, May 2020) revised to at least 570 (Atalayar).
        var badiya = (await new RegionalFigureQueries(db.DataSource, new TallyQueries(db.DataSource)).GetAsync("badiya"))!.Value;
        var running = badiya.Figures.Single(f => f.Figure.FigureId == "sohr:killed:state-forces:2019-03-24");
        running.History.Select(h => h.ValueAfter).Should().Equal(new ApproximateValue(515), new AtLeastValue(570));
        // "At least 570 since 24 March 2019", published on 9 June 2020, is compared with the incidents up to its
        // publication: Amaq's twenty at Al-Sukhna; at least eight at Al-Mazare is dated only to June 2020, so it may
        // lie after the 9th: straddling, not counted; Al-Bolil's three are not said to be soldiers; not the 2024 bus.
        // The ledger's 20 for the period is Amaq's claim alone: flagged, and nothing without it (issue 46).
        running.IncidentTally.Should().Be(new IncidentDerivedTally(new DateOnly(2019, 3, 24), new DateOnly(2020, 6, 9), 20, 20, 20, 1, 1,
            Contested: 1, BestWithoutClaims: 0));
        // "Including at least two Russians, and 127 Iranian-backed militias": kept as a figure for the foreign forces.
        badiya.Figures.Single(f => f.Figure.PartyClass == PartyClass.ForeignForces).Figure.Breakdown.Should().BeEquivalentTo(
            new Dictionary<string, int> { ["russians"] = 2, ["iranian-backed-militias"] = 127 });
        // "93 civilians, including nine women and five children"; "484 ISIS members, including 83 killed in clashes
        // with regime forces, while the others, 401, were killed by Russian airstrikes".
        var sdfAreas = (await new RegionalFigureQueries(db.DataSource, new TallyQueries(db.DataSource)).GetAsync("sdf-held-areas"))!.Value;
        sdfAreas.Figures.Single(f => f.Figure.PartyClass == PartyClass.Civilians).Figure.Breakdown.Should()
            .BeEquivalentTo(new Dictionary<string, int> { ["women"] = 9, ["children"] = 5 });
        badiya.Figures.Single(f => f.Figure.Value == new ExactValue(484)).Figure.Breakdown.Should().BeEquivalentTo(
            new Dictionary<string, int> { ["killed-in-clashes-with-regime-forces"] = 83, ["killed-by-russian-airstrikes"] = 401 });
        var attacks = (await new RegionalFigureQueries(db.DataSource, new TallyQueries(db.DataSource)).GetAsync("sy"))!.Value.Figures.Single();
        // "950 to 975 attacks" and the per-governorate counts are the strategic expert Majid Al-Qaisi's, in SOHR's interview.
        attacks.Figure.Should().Match<RegionalFigureState>(f => f.Value == new RangeValue(950, 975) && f.Certainty == Certainty.Claimed && f.Source == "al-qaisi");
        // "Over 344" and "nearly 550" keep their words.
        sdfAreas.Figures.Single(f => f.Figure.Category == FigureCategory.Attacks).Figure.Value.ToString().Should().Be("over 344");
        (await new RegionalFigureQueries(db.DataSource, new TallyQueries(db.DataSource)).GetAsync("sy09"))!.Value.Figures.Single().Figure.Value.ToString()
            .Should().Be("nearly 550");
    }

    [Fact]
    public async Task Import_lines_name_governorates_in_arabic_and_keep_what_they_wrote()
    {
        var report = await Import(new StringReader("""
            {"command": "reportIncident", "id": "ar-1", "incidentId": "ar-hama", "title": "قصف", "occurred": {"date": "2022-02-02"}, "location": {"country": "SY", "admin1": "حماه"}, "type": "shelling"}
            {"command": "reportIncident", "id": "ar-2", "incidentId": "ar-swd", "title": "كمين", "occurred": {"date": "2022-02-03"}, "location": {"country": "SY", "admin1": "سويداء"}, "type": "ambush"}
            """));
        report.Error.Should().BeNull();
        var incidents = new IncidentQueries(db.DataSource);
        (await incidents.GetAsync("ar-hama"))!.State.Location.Should().Match<Location>(l => l!.Admin1 == "sy05" && l.Admin1Given == "حماه");
        (await incidents.GetAsync("ar-swd"))!.State.Location!.Admin1.Should().Be("sy13");
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
        (await db.ScalarAsync("SELECT count(*) FROM ledger.mt_streams WHERE id IN ('incident-imp-a', 'incident-imp-b', 'incident-imp-c')")).Should().Be(2);

        var atomic = await Import(new StringReader(file.Replace("imp-", "atomic-")), allOrNothing: true);
        atomic.Error!.Line.Should().Be(4);
        (await db.ScalarAsync("SELECT count(*) FROM ledger.mt_streams WHERE id LIKE 'incident-atomic-%'")).Should().Be(0);

        (await Import(new StringReader("{\"command\": \"reportIncident\", \"id\": \"x\""))).Error!.Message.Should().Contain("not valid JSON");
        (await Import(new StringReader("""{"command": "launchMissiles", "id": "x"}"""))).Error!.Field.Should().Be("command");
        (await Import(new StringReader("""{"command": "reportIncident", "id": "x", "incidentId": "a", "incidentId": "b"}"""))).Error!.Message.Should().Contain("not valid JSON");
        (await Import(new StringReader("""{"command": "reportIncident", "id": "x", "location": {"admin1": "a", "admin1": "b"}}"""))).Error!.Message.Should().Contain("not valid JSON");
        (await Import(new StringReader("""{"command": "defineRegion", "id": "x", "name": ["\ud800"]}"""))).Error!.Line.Should().Be(1); // a lone surrogate
        (await Import(new StringReader("""{"command": "reportFigure", "id": "x", "source": "sohr"}"""))).Error!.Line.Should().Be(1);
    }
}
