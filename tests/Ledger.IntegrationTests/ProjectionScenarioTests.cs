using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.IntegrationTests;

public sealed class ProjectionScenarioTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly TallyDimension[] ByProvince = [TallyDimension.Admin1];

    private static ReportIncident Incident(string id, string admin1, int day = 9) =>
        new(id, $"Incident {id}", new Occurrence(new DateOnly(2024, 1, day)), new Location("SY", admin1), "ambush", "isis");

    private static ReportFigure Killed(SourceRef s, FigureValue v, Certainty c = Certainty.Reported) =>
        new(s, FigureCategory.Killed, "syrian-army", PartyClass.StateForces, v, c, new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero));

    private async Task<Dictionary<string, (long? Low, long? Best, long? High, long Incidents, long Unquantified)>> Provinces(ProjectedNode n, long? asOf = null)
    {
        var result = await n.Tallies.TalliesAsync(new TallyFilter { Admin1 = ["sy04", "sy09"], Category = FigureCategory.Killed, AsOfPosition = asOf }, ByProvince);
        return result.Rows.ToDictionary(r => r.Admin1!, r => (r.Low, r.Best, r.High, r.Incidents, r.Unquantified));
    }

    [Fact]
    public async Task An_incident_walked_through_revision_disputes_correction_and_retractions_shows_in_current_and_as_of_tallies()
    {
        await using var n = new ProjectedNode(db);
        var a = "palmyra-bus";
        var p1 = await n.Do(a, Incident(a, "sy04") with { Figures = [Killed(Sohr, new AtLeastValue(14))] });
        (await Provinces(n))["sy04"].Should().Be(((long?)14L, (long?)14L, (long?)14L, 1L, 0L));

        var p2 = await n.Do(a, Killed(Afp, new RangeValue(9, 20)));
        (await Provinces(n))["sy04"].Should().Be(((long?)9L, (long?)14L, (long?)20L, 1L, 0L));

        var p3 = await n.Do(a, new ReviseFigure("sohr:killed:syrian-army", new ExactValue(16), "SOHR's later count"));
        (await Provinces(n))["sy04"].Should().Be(((long?)9L, (long?)16L, (long?)20L, 1L, 0L));
        (await Provinces(n, asOf: p2))["sy04"].Best.Should().Be(14, "as of the second report the revision had not happened");

        // A dispute opened then dismissed changes no number; another, upheld, excludes SOHR's figure.
        await n.Do(a, new DisputeFigure("afp:killed:syrian-army", "sana", "too high"));
        await n.Do(a, new ResolveDispute("d1", DisputeOutcome.Dismissed, "AFP stands"), "editor");
        await n.Do(a, new DisputeFigure("sohr:killed:syrian-army", "sana", "double counted"));
        var p4 = await n.Do(a, new ResolveDispute("d2", DisputeOutcome.Upheld, "checked against the hospital list"), "editor");
        (await Provinces(n))["sy04"].Should().Be(((long?)9L, (long?)14L, (long?)20L, 1L, 0L), "best now comes from AFP's range");

        // A correction moves the incident to another province: the tally follows it.
        var p5 = await n.Do(a, new CorrectIncident("it was in the Deir-ez-Zor desert", Location: new Location("SY", "sy09")), "editor");
        var now = await Provinces(n);
        now.Should().NotContainKey("sy04");
        now["sy09"].Best.Should().Be(14);
        (await Provinces(n, asOf: p4)).Should().ContainKey("sy04").And.NotContainKey("sy09");
        (await Provinces(n, asOf: p5 - 1)).Should().ContainKey("sy04");

        // An unquantified figure counts the incident but adds no number; a claimed-only row is contested.
        var b = "numerous-pmf";
        await n.Do(b, Incident(b, "sy09", 10) with { Figures = [Killed(SourceRef.Of("pmf", SourceKind.Government), new UnquantifiedValue("numerous"))] });
        var c = "amaq-claim";
        await n.Do(c, Incident(c, "sy09", 11) with { Figures = [Killed(Amaq, new ExactValue(20))] });
        now = await Provinces(n);
        now["sy09"].Should().Be(((long?)9L + 20, (long?)14L + 20, (long?)20L + 20, 3L, 1L));
        var incidentC = await n.StateAsync(c);
        incidentC.State.Reconcile().Single().Contested.Should().BeTrue();

        // A retracted figure and a retracted incident leave the tally; the as-of view before them does not change.
        var before = await n.Store.HeadPositionAsync();
        await n.Do(c, new RetractFigure("amaq:killed:syrian-army", "claim withdrawn"));
        await n.Do(b, new RetractIncident("duplicate of another report"), "editor");
        now = await Provinces(n);
        now["sy09"].Should().Be(((long?)9L, (long?)14L, (long?)20L, 1L, 0L));
        (await Provinces(n, asOf: before))["sy09"].Incidents.Should().Be(3);

        // The history names every change of the tally with its cause.
        var history = await n.Tallies.HistoryAsync(new TallyFilter { Admin1 = ["sy09"], Category = FigureCategory.Killed });
        history.Select(h => (h.Type, h.Best)).Should().Equal(
            (nameof(IncidentCorrected), 14L), (nameof(FigureReported), 34L), (nameof(FigureRetracted), 14L));
        var sy04 = await n.Tallies.HistoryAsync(new TallyFilter { Admin1 = ["sy04"], Category = FigureCategory.Killed });
        sy04.Select(h => (h.Position, h.Low, h.Best, h.High)).Should().Equal(
            (p1, 14L, 14L, 14L), (p2, 9L, 14L, 20L), (p3, 9L, 16L, 20L), (p4, 9L, 14L, 20L), (p5, 0L, 0L, 0L));
    }

    [Fact]
    public async Task As_of_a_recording_time_is_the_tally_as_the_ledger_stood_then()
    {
        await using var n = new ProjectedNode(db);
        var id = "asof-time";
        await n.Do(id, Incident(id, "sy05", 12) with { Figures = [Killed(Sohr, new ExactValue(5))] });
        var events = await n.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id));
        var then = events[^1].RecordedAt;
        await Task.Delay(10);
        await n.Do(id, new ReviseFigure("sohr:killed:syrian-army", new ExactValue(50), "recount"));

        var filter = new TallyFilter { Admin1 = ["sy05"], From = new DateOnly(2024, 1, 12), To = new DateOnly(2024, 1, 12) };
        (await n.Tallies.TalliesAsync(filter with { AsOf = then }, [])).Rows.Single().Best.Should().Be(5);
        (await n.Tallies.TalliesAsync(filter with { AsOf = then.AddTicks(-10) }, [])).Rows.Should().BeEmpty();
        (await n.Tallies.TalliesAsync(filter, [])).Rows.Single().Best.Should().Be(50);
    }

    [Fact]
    public async Task Tallies_group_by_month_year_party_class_and_category_and_filter_by_country_and_dates()
    {
        await using var n = new ProjectedNode(db);
        async Task Report(string id, string country, string admin1, DateOnly date, FigureCategory category, PartyClass pc, int count) =>
            await n.Do(id, new ReportIncident(id, id, new Occurrence(date), new Location(country, admin1), "raid",
                Figures: [new ReportFigure(Sohr, category, pc == PartyClass.Civilians ? "civilians" : "pmf", pc, new ExactValue(count), Certainty.Reported)]));
        await Report("g1", "IQ", "iqg16", new DateOnly(2020, 5, 2), FigureCategory.Killed, PartyClass.StateForces, 10);
        await Report("g2", "IQ", "iqg16", new DateOnly(2020, 5, 20), FigureCategory.Injured, PartyClass.StateForces, 4);
        await Report("g3", "IQ", "iqg01", new DateOnly(2020, 6, 1), FigureCategory.Killed, PartyClass.Civilians, 2);
        await Report("g4", "IQ", "iqg01", new DateOnly(2021, 1, 1), FigureCategory.Killed, PartyClass.StateForces, 7);

        var iraq = new TallyFilter { Country = "IQ" };
        // No category asked for: rows are split by category, never killed + injured added together.
        var byMonth = await n.Tallies.TalliesAsync(iraq, [TallyDimension.Year, TallyDimension.Month]);
        byMonth.GroupBy.Should().Equal(TallyDimension.Year, TallyDimension.Month, TallyDimension.Category);
        byMonth.Rows.Select(r => (r.Year, r.Month, r.Category, r.Best, r.Incidents)).Should().Equal(
            ((int?)2020, "2020-05", (FigureCategory?)FigureCategory.Injured, (long?)4L, 1L), (2020, "2020-05", FigureCategory.Killed, 10L, 1L),
            (2020, "2020-06", FigureCategory.Killed, 2L, 1L), (2021, "2021-01", FigureCategory.Killed, 7L, 1L));
        (await n.Tallies.TalliesAsync(iraq with { Category = FigureCategory.Killed }, [TallyDimension.Year])).GroupBy.Should().Equal(TallyDimension.Year);
        (await n.Tallies.TalliesAsync(iraq with { To = new DateOnly(2020, 12, 31) }, [TallyDimension.Category, TallyDimension.PartyClass])).Rows
            .Select(r => (r.Category, r.PartyClass, r.Best)).Should().Equal(
                ((FigureCategory?)FigureCategory.Injured, (PartyClass?)PartyClass.StateForces, (long?)4L), // keys sort by their names
                (FigureCategory.Killed, PartyClass.Civilians, 2L),
                (FigureCategory.Killed, PartyClass.StateForces, 10L));
        var total = (await n.Tallies.TalliesAsync(iraq with { PartyClass = PartyClass.StateForces, Category = FigureCategory.Killed }, [])).Rows.Single();
        (total.Best, total.Incidents).Should().Be(((long?)17L, 2L));
        (await n.Tallies.TalliesAsync(new TallyFilter { Country = "SY", From = new DateOnly(2020, 5, 1), To = new DateOnly(2021, 1, 1), Admin1 = ["iqg16"] }, []))
            .Rows.Should().BeEmpty();
    }
}
