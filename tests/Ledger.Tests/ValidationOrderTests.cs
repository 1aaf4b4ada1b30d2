using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Sources;
using static Ledger.Tests.IncidentScenario;

namespace Ledger.Tests;

/// <summary>A command with several bad fields names them one at a time, in the order the request lists them, so a
/// person fixing a form or a CSV line sees each in turn and the same line always gives the same error. Each case
/// starts with every field bad and fixes the one just named; a reordered or dropped check names the wrong one.</summary>
public sealed class ValidationOrderTests
{
    private static readonly DateTimeOffset Future = Now.AddDays(3);
    private static readonly SourceRef BadSource = new("SOHR!", SourceKind.Monitor, 1);

    private sealed record Step<T>(string Field, string Words, Func<T, T> Fix);

    private static Step<T> S<T>(string field, string words, Func<T, T> fix) => new(field, words, fix);

    /// <summary>Runs <paramref name="command"/>, expects the first step's field, applies its fix, and so on; the
    /// command with every field fixed is accepted.</summary>
    private static void NamesEachInTurn<T>(T command, Func<T, DomainError?> decide, params Step<T>[] steps)
    {
        foreach (var step in steps)
        {
            var error = decide(command);
            error.Should().NotBeNull($"{step.Field} is still bad");
            error!.Field.Should().Be(step.Field);
            error.Message.Should().Contain(step.Words, step.Field);
            command = step.Fix(command);
        }
        decide(command).Should().BeNull("every field is fixed");
    }

    private static DomainError? OnNewIncident(IncidentCommand c) => IncidentDecider.Decide(c, IncidentState.Initial, Now).Error;

    private static DomainError? OnReportedIncident(IncidentCommand c) =>
        IncidentDecider.Decide(c, new IncidentScenario().Given(PalmyraBus(), Killed(Sohr, new AtLeastValue(14))).State, Now).Error;

    [Fact]
    public void An_incident_report_names_its_bad_fields_in_order() => NamesEachInTurn(
        new ReportIncident("Not A Slug", " ", new Occurrence(new DateOnly(2024, 3, 1)), new Location("Syria", "sy04"), "Car Bomb",
            "Islamic State", new string('d', 5001)),
        OnNewIncident,
        S<ReportIncident>("id", "id", c => c with { IncidentId = "palmyra-bus" }),
        S<ReportIncident>("title", "title", c => c with { Title = "Bus attack" }),
        S<ReportIncident>("occurred.date", "in the future", c => c with { Occurred = new Occurrence(new DateOnly(2024, 1, 9)) }),
        S<ReportIncident>("location.country", "country", c => c with { Location = new Location("SY", "sy04") }),
        S<ReportIncident>("type", "type", c => c with { Type = "ambush" }),
        S<ReportIncident>("perpetrator", "perpetrator", c => c with { Perpetrator = "isis" }),
        S<ReportIncident>("description", "description", c => c with { Description = "On the road to Palmyra." }));

    [Fact]
    public void A_figure_names_its_bad_fields_in_order() => NamesEachInTurn(
        new ReportFigure(BadSource, FigureCategory.Attacks, "Syrian Army", PartyClass.StateForces, new ExactValue(-1), Certainty.Reported,
            Future, "javascript:alert(1)", new string('q', 2001), new Dictionary<string, int> { ["women"] = -1 }),
        c => OnNewIncident(PalmyraBus() with { Figures = [c] }),
        S<ReportFigure>("figures[0].source", "source", c => c with { Source = Afp }),
        S<ReportFigure>("figures[0].party", "party", c => c with { Party = "syrian-army" }),
        S<ReportFigure>("figures[0].category", "attacks", c => c with { Category = FigureCategory.Killed }),
        S<ReportFigure>("figures[0].value.value", "value", c => c with { Value = new ExactValue(7) }),
        S<ReportFigure>("figures[0].publishedAt", "in the future", c => c with { PublishedAt = Now.AddDays(-1) }),
        S<ReportFigure>("figures[0].url", "url", c => c with { Url = "https://example.org/a" }),
        S<ReportFigure>("figures[0].quote", "quote", c => c with { Quote = "seven soldiers" }),
        S<ReportFigure>("figures[0].breakdown.women", "women", c => c with { Breakdown = new Dictionary<string, int> { ["women"] = 0 } }));

    [Fact]
    public void A_revision_names_its_bad_fields_in_order() => NamesEachInTurn(
        new ReviseFigure("sohr:killed:syrian-army", new RangeValue(-1, -2), "", Future, "javascript:x"),
        OnReportedIncident,
        S<ReviseFigure>("value.low", "low", c => c with { Value = new RangeValue(3, -2) }),
        S<ReviseFigure>("value.high", "high", c => c with { Value = new RangeValue(3, 2) }),
        S<ReviseFigure>("value", "greater than high", c => c with { Value = new RangeValue(16, 18) }),
        S<ReviseFigure>("reason", "reason", c => c with { Reason = "updated toll" }),
        S<ReviseFigure>("publishedAt", "in the future", c => c with { PublishedAt = Now }),
        S<ReviseFigure>("url", "url", c => c with { Url = null }));

    [Fact]
    public void A_dispute_names_its_bad_fields_in_order() => NamesEachInTurn(
        new DisputeFigure("sohr:killed:syrian-army", "Ministry Of Health", "", new ExactValue(-3), Future),
        OnReportedIncident,
        S<DisputeFigure>("disputedBy", "disputedBy", c => c with { DisputedBy = "sohr" }),
        S<DisputeFigure>("disputedBy", "own source", c => c with { DisputedBy = "sana" }),
        S<DisputeFigure>("reason", "reason", c => c with { Reason = "the ministry counts fewer" }),
        S<DisputeFigure>("counterValue.value", "value", c => c with { CounterValue = new ExactValue(3) }),
        S<DisputeFigure>("publishedAt", "in the future", c => c with { PublishedAt = null }));

    [Fact]
    public void A_correction_names_its_bad_fields_in_order() => NamesEachInTurn(
        new CorrectIncident("", new Occurrence(new DateOnly(2024, 3, 1)), new Location("Syria", "sy04"), "Car Bomb"),
        OnReportedIncident,
        S<CorrectIncident>("reason", "reason", c => c with { Reason = "the ministry's date" }),
        S<CorrectIncident>("occurred.date", "in the future", c => c with { Occurred = new Occurrence(new DateOnly(2024, 1, 8)) }),
        S<CorrectIncident>("location.country", "country", c => c with { Location = new Location("SY", "sy05") }),
        S<CorrectIncident>("type", "type", c => c with { Type = "raid" }));

    [Fact]
    public void A_location_names_its_bad_fields_in_order() => NamesEachInTurn(
        new Location("SY", "Homs City", new string('a', 201), new string('p', 201), 91m, 181m, LocationPrecision.Near, new string('g', 201)),
        l => OnNewIncident(PalmyraBus() with { Location = l }),
        S<Location>("location.admin1", "admin1", l => l with { Admin1 = "sy04" }),
        S<Location>("location.admin1Given", "admin1Given", l => l with { Admin1Given = "Homs" }),
        S<Location>("location.admin2", "admin2", l => l with { Admin2 = "Tadmur" }),
        S<Location>("location.place", "place", l => l with { Place = "near Palmyra" }),
        S<Location>("location.lat", "between -90 and 90", l => l with { Lat = null }),
        S<Location>("location.lon", "between -180 and 180", l => l with { Lon = 38.2m }),
        S<Location>("location.lat", "come together", l => l with { Lat = 34.5m }));

    private static readonly DefineRegion Badiya = new("badiya", "Badiya", "SY", RegionLevel.Area, "sy", ["Syrian Desert"], ["sy04", "sy09"]);

    private static DomainError? OnNewRegion(DefineRegion c) => RegionDecider.Decide(c, RegionState.Initial, Now).Error;

    [Fact]
    public void A_region_definition_names_its_bad_fields_in_order() => NamesEachInTurn(
        new DefineRegion("The Badiya", "", "Syria", RegionLevel.Admin1, "Syria!",
            [.. Enumerable.Range(0, 50).Select(i => $"alias {i}"), " "], ["Homs Gov"], new string('ب', 201), "sy-dy"),
        OnNewRegion,
        S<DefineRegion>("id", "id", c => c with { RegionId = "badiya" }),
        S<DefineRegion>("name", "name", c => c with { Name = "Badiya" }),
        S<DefineRegion>("nameAr", "nameAr", c => c with { NameAr = "البادية" }),
        S<DefineRegion>("isoCode", "isoCode", c => c with { IsoCode = null }),
        S<DefineRegion>("country", "country", c => c with { Country = "SY" }),
        S<DefineRegion>("parentId", "parentId", c => c with { ParentId = "sy" }),
        S<DefineRegion>("aliases", "at most 50", c => c with { Aliases = ["Syrian Desert", " "] }),
        S<DefineRegion>("aliases[1]", "aliases", c => c with { Aliases = ["Syrian Desert"] }),
        S<DefineRegion>("members[0]", "members", c => c with { Members = ["sy04"] }),
        S<DefineRegion>("members", "only for an area", c => c with { Level = RegionLevel.Area }));

    private static RegionState BadiyaWithSohr()
    {
        var state = RegionState.Initial;
        var v = 0;
        foreach (var c in new RegionCommand[] { Badiya, Sohr515 })
            foreach (var e in RegionDecider.Decide(c, state, Now).Events) state = state.Apply(e, new EventContext(++v, v, Now, "t"));
        return state;
    }

    private static readonly ReportRegionalFigure Sohr515 = new(Sohr, FigureCategory.Killed, PartyClass.StateForces,
        new Period(new DateOnly(2019, 3, 24)), new ApproximateValue(515), Certainty.Reported, Now.AddDays(-1));

    private static DomainError? OnBadiya(RegionCommand c) => RegionDecider.Decide(c, BadiyaWithSohr(), Now).Error;

    [Fact]
    public void A_regional_figure_names_its_bad_fields_in_order() => NamesEachInTurn(
        new ReportRegionalFigure(BadSource, FigureCategory.Killed, PartyClass.StateForces,
            new Period(new DateOnly(2024, 3, 1), new DateOnly(2024, 2, 1)), new ExactValue(-1), Certainty.Reported,
            Future, "javascript:x", new string('q', 2001), new Dictionary<string, int> { ["children"] = -4 }),
        OnBadiya,
        S<ReportRegionalFigure>("source", "source", c => c with { Source = Afp }),
        S<ReportRegionalFigure>("period.from", "in the future", c => c with { Period = new Period(new DateOnly(2020, 1, 1), new DateOnly(2019, 1, 1)) }),
        S<ReportRegionalFigure>("period.to", "before period.from", c => c with { Period = new Period(new DateOnly(2020, 1, 1), new DateOnly(2024, 6, 1)) }),
        S<ReportRegionalFigure>("period.to", "in the future", c => c with { Period = new Period(new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 1)) }),
        S<ReportRegionalFigure>("value.value", "value", c => c with { Value = new AtLeastValue(570) }),
        S<ReportRegionalFigure>("publishedAt", "in the future", c => c with { PublishedAt = Now.AddDays(-2) }),
        S<ReportRegionalFigure>("url", "url", c => c with { Url = null }),
        S<ReportRegionalFigure>("quote", "quote", c => c with { Quote = "at least 570" }),
        S<ReportRegionalFigure>("breakdown.children", "children", c => c with { Breakdown = null }));

    private const string SohrFigure = "sohr:killed:state-forces:2019-03-24";

    [Fact]
    public void A_regional_revision_names_its_bad_fields_in_order() => NamesEachInTurn(
        new ReviseRegionalFigure(SohrFigure, new AtLeastValue(-570), "", Future, "javascript:x", new string('q', 2001)),
        c => OnBadiya(c),
        S<ReviseRegionalFigure>("value.value", "value", c => c with { Value = new AtLeastValue(570) }),
        S<ReviseRegionalFigure>("reason", "reason", c => c with { Reason = "SOHR's June count" }),
        S<ReviseRegionalFigure>("publishedAt", "in the future", c => c with { PublishedAt = Now }),
        S<ReviseRegionalFigure>("url", "url", c => c with { Url = "https://www.syriahr.com/en/" }),
        S<ReviseRegionalFigure>("quote", "quote", c => c with { Quote = null }));

    [Fact]
    public void A_regional_dispute_names_its_bad_fields_in_order() => NamesEachInTurn(
        new DisputeRegionalFigure(SohrFigure, "Syrian Gov", "", new ExactValue(-3), Future),
        c => OnBadiya(c),
        S<DisputeRegionalFigure>("disputedBy", "disputedBy", c => c with { DisputedBy = "sohr" }),
        S<DisputeRegionalFigure>("disputedBy", "own source", c => c with { DisputedBy = "sana" }),
        S<DisputeRegionalFigure>("reason", "reason", c => c with { Reason = "the government counts fewer" }),
        S<DisputeRegionalFigure>("counterValue.value", "value", c => c with { CounterValue = null }),
        S<DisputeRegionalFigure>("publishedAt", "in the future", c => c with { PublishedAt = Now }));
}
