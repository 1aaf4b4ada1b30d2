using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.IntegrationTests;

public sealed class ReadModelTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly CommandMetadata By = new("reporter");

    private static ReportIncident Incident(string id, string admin1, DateOnly date, int killed) =>
        new(id, $"Attack {id}", new Occurrence(date), new Location("SY", admin1), "ambush", "isis",
            Figures: [new ReportFigure(Sohr, FigureCategory.Killed, "syrian-army", PartyClass.StateForces, new AtLeastValue(killed), Certainty.Reported)]);

    private static async Task<ReadModelDaemon> CaughtUp(LedgerNode node)
    {
        var runner = new ReadModelDaemon(node.Store, LedgerProjections.All());
        await runner.CatchUpAsync();
        return runner;
    }

    [Fact]
    public async Task Incident_state_history_and_pages_come_from_the_read_model()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var ids = Enumerable.Range(1, 5).Select(i => $"list-{i}").ToList();
        for (var i = 0; i < ids.Count; i++)
            await node.Incident(ids[i]).Handle(Incident(ids[i], i % 2 == 0 ? "sy12" : "sy13", new DateOnly(2022, 3, 1 + i), 3 + i), By);
        await node.Incident("list-1").Handle(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(30), "hospital count"), By);
        await node.Incident("list-2").Handle(new DisputeFigure("sohr:killed:syrian-army", "sana", "inflated"), By);
        await node.Incident("list-5").Handle(new RetractIncident("duplicate"), new CommandMetadata("editor"));
        await using var runner = await CaughtUp(node);
        var queries = new IncidentQueries(node.Store.DataSource);

        var one = (await queries.GetAsync("list-1"))!;
        one.Version.Should().Be(3);
        one.State.Figures.Values.Single().Value.Should().Be(new ExactValue(30));
        one.Reconciled.Single().Best.Should().Be(30);
        (await queries.GetAsync("nope")).Should().BeNull();

        var history = await queries.HistoryAsync("list-1");
        history.Select(h => h.Type).Should().Equal(nameof(IncidentReported), nameof(FigureReported), nameof(FigureRevised));
        history[2].Should().Match<IncidentHistoryEntry>(h => h.ValueBefore == new AtLeastValue(3) && h.ValueAfter == new ExactValue(30)
            && h.Reason == "hospital count" && h.RecordedBy == "reporter");

        var seen = new List<string>();
        string? cursor = null;
        var filter = new IncidentListFilter { Admin1 = ["sy12", "sy13"] };
        do
        {
            var page = await queries.ListAsync(filter, cursor, 2);
            page.Incidents.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Incidents.Select(i => i.State.Id!));
            cursor = page.NextCursor;
        } while (cursor is not null);
        seen.Should().Equal("list-4", "list-3", "list-2", "list-1"); // newest first, retracted left out
        (await queries.ListAsync(filter with { Disputed = true }, null, 10)).Incidents.Select(i => i.State.Id).Should().Equal("list-2");
        (await queries.ListAsync(filter with { IncludeRetracted = true, Admin1 = ["sy12"] }, null, 10)).Incidents.Select(i => i.State.Id)
            .Should().Equal("list-5", "list-3", "list-1");
        await FluentActions.Invoking(() => queries.ListAsync(filter, "not-a-cursor!", 2)).Should().ThrowAsync<FormatException>();
    }

    [Fact]
    public async Task The_list_as_of_a_point_the_projection_has_not_reached_folds_the_log_instead_of_reading_a_stale_row()
    {
        await using var node = await LedgerNode.StartAsync(db);
        await node.Incident("behind-1").Handle(Incident("behind-1", "sy14", new DateOnly(2022, 4, 2), 3), By);
        await using var runner = await CaughtUp(node);
        // Written after the catch-up, and not projected: no daemon runs here. A revision leaves the listing as it was,
        // so the incident stays on the page, and its current row (last changed before the head) still says 3.
        await node.Incident("behind-1").Handle(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(30), "hospital count"), By);
        var head = await node.Store.HeadPositionAsync();
        var queries = new IncidentQueries(node.Store.DataSource);
        var filter = new IncidentListFilter { Admin1 = ["sy14"] };
        var present = (await queries.ListAsync(filter, null, 10)).Incidents.Single();
        Value(present).Should().Be(new AtLeastValue(3), "the present reads the row, behind");
        present.Version.Should().Be(2, "the report and its figure");

        var asOfHead = (await queries.ListAsync(filter with { AsOfPosition = head }, null, 10)).Incidents.Single();
        Value(asOfHead).Should().Be(new ExactValue(30), "as of the head, the incident is what its stream says there");
        asOfHead.Version.Should().Be(3);
    }

    private static FigureValue Value(IncidentView view) => view.State.Figures["sohr:killed:syrian-army"].Value;

    [Fact]
    public async Task A_regional_figure_stands_beside_the_tally_of_the_incidents_in_its_area_and_period()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var badiya = node.Grains.GetGrain<IRegionGrain>("badiya");
        await badiya.Handle(new DefineRegion("badiya", "Badiya", "SY", RegionLevel.Area, "sy", ["Syrian Desert", "Badiye"], ["sy04", "sy09", "sy13"]), By);
        var period = new Period(new DateOnly(2019, 3, 24));
        await badiya.Handle(new ReportRegionalFigure(Sohr, FigureCategory.Killed, PartyClass.StateForces, period, new ApproximateValue(515),
            Certainty.Reported, new DateTimeOffset(2020, 5, 9, 0, 0, 0, TimeSpan.Zero), Quote: "an estimated 515 pro-regime soldiers"), By);
        var id = RegionDecider.FigureIdFor("sohr", FigureCategory.Killed, PartyClass.StateForces, period);
        await badiya.Handle(new ReviseRegionalFigure(id, new AtLeastValue(570), "SOHR's later count",
            new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero)), By);

        await node.Incident("mayadeen").Handle(Incident("mayadeen", "sy09", new DateOnly(2020, 5, 10), 8), By);
        await node.Incident("sukhna").Handle(Incident("sukhna", "sy04", new DateOnly(2019, 9, 29), 20), By);
        await node.Incident("aleppo").Handle(Incident("aleppo", "sy02", new DateOnly(2020, 1, 1), 5), By);     // outside the area
        await node.Incident("too-late").Handle(Incident("too-late", "sy09", new DateOnly(2021, 1, 1), 5), By); // after the period
        await using var runner = await CaughtUp(node);

        var directory = await new RegionDirectory(node.Store.DataSource).LoadAsync();
        directory.Resolve("BADIYE")!.RegionId.Should().Be("badiya");
        directory.Resolve("Deir ez-Zor")!.RegionId.Should().Be("sy09");

        var result = (await new RegionalFigureQueries(node.Store.DataSource, new TallyQueries(node.Store.DataSource)).GetAsync("badiya"))!.Value;
        result.Region.Members.Should().Equal("sy04", "sy09", "sy13");
        var view = result.Figures.Single();
        view.Figure.Value.Should().Be(new AtLeastValue(570));
        view.History.Select(h => (h.ValueBefore, h.ValueAfter)).Should().Equal(
            ((FigureValue?)null, (FigureValue?)new ApproximateValue(515)), (new ApproximateValue(515), new AtLeastValue(570)));
        view.IncidentTally.Should().Be(new IncidentDerivedTally(period.From, new DateOnly(2020, 6, 1), 28, 28, 28, 2));
    }

    [Fact]
    public async Task Sources_are_listed_with_the_rank_reconciliation_uses()
    {
        await using var node = await LedgerNode.StartAsync(db);
        await node.Grains.GetGrain<ISourceGrain>("src-amaq").Handle(new RegisterSource("src-amaq", "Amaq News Agency", SourceKind.ArmedGroup), By);
        await node.Grains.GetGrain<ISourceGrain>("src-afp").Handle(new RegisterSource("src-afp", "AFP", SourceKind.NewsAgency, Rank: 1), By);
        await using var runner = await CaughtUp(node);
        var sources = await new SourceQueries(node.Store.DataSource).ListAsync();
        sources.Where(s => s.Id.StartsWith("src-")).Select(s => (s.Id, s.Kind, s.EffectiveRank)).Should().Equal(
            ("src-afp", SourceKind.NewsAgency, 1), ("src-amaq", SourceKind.ArmedGroup, 5));
    }
}
