using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Sources;
using static Ledger.Tests.IncidentScenario;

namespace Ledger.Tests;

/// <summary>The edges of the deciders and folds: the last accepted value beside the first refused one, the
/// words of every refusal a user reads, and what a fold keeps when an event leaves a field out.</summary>
public sealed class DeciderBoundaryTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private const string SohrKilled = "sohr:killed:syrian-army";

    private static IncidentScenario Reported() => new IncidentScenario().Given(PalmyraBus(), Killed(Sohr, new AtLeastValue(14)));

    private static Decision<IIncidentEvent> Report(ReportIncident c) => new IncidentScenario().When(c);

    [Fact]
    public void Dates_up_to_today_and_from_1900_are_accepted()
    {
        Report(PalmyraBus() with { Occurred = new Occurrence(Today) }).IsAccepted.Should().BeTrue("today is not the future");
        Report(PalmyraBus() with { Occurred = new Occurrence(new DateOnly(1900, 1, 1)) }).IsAccepted.Should().BeTrue("1900 is the first year");
        Report(PalmyraBus() with { Occurred = new Occurrence(new DateOnly(2024, 1, 9), EndDate: new DateOnly(2024, 1, 9)) })
            .IsAccepted.Should().BeTrue("a one-day span ends the day it starts");
        Report(PalmyraBus() with { Occurred = new Occurrence(new DateOnly(2024, 1, 9), EndDate: Today) })
            .IsAccepted.Should().BeTrue("a span may end today");
        Report(PalmyraBus() with { Occurred = new Occurrence(new DateOnly(1899, 12, 31)) }).Error!.Message.Should().Contain("before 1900");
    }

    [Fact]
    public void Coordinates_on_the_poles_and_the_antimeridian_are_accepted()
    {
        foreach (var (lat, lon) in new[] { (90m, 180m), (-90m, -180m) })
            Report(PalmyraBus() with { Location = new Location("SY", "sy04", Lat: lat, Lon: lon, Precision: LocationPrecision.Exact) })
                .IsAccepted.Should().BeTrue($"{lat},{lon} is on the globe");
    }

    [Theory]
    [InlineData("Sy")]
    [InlineData("sY")]
    [InlineData("SYR")]
    [InlineData("S")]
    public void A_country_is_two_capital_letters(string country)
    {
        Report(PalmyraBus() with { Location = new Location(country, "sy04") }).Error!.Field.Should().Be("location.country");
        RegionDecider.Decide(new DefineRegion("x-region", "X", country, RegionLevel.Country, null, [], []), RegionState.Initial, Now)
            .Error!.Field.Should().Be("country");
    }

    [Fact]
    public void A_place_known_only_to_its_country_has_no_admin1_and_the_precision_says_which_level_is_missing()
    {
        Report(PalmyraBus() with { Location = new Location("SY", null, Place: "the eastern desert", Precision: LocationPrecision.Country) })
            .IsAccepted.Should().BeTrue();
        Report(PalmyraBus() with { Location = new Location("SY", null, Precision: LocationPrecision.Admin1) })
            .Error!.Message.Should().Contain("precision is admin1 but no admin1");
        Report(PalmyraBus() with { Location = new Location("SY", null, Precision: LocationPrecision.Admin2) })
            .Error!.Message.Should().Contain("precision is admin2 but no admin1");
    }

    [Fact]
    public void Publication_up_to_five_minutes_ahead_is_clock_skew_not_the_future()
    {
        Reported().When(new ReviseFigure(SohrKilled, new ExactValue(15), "update", Now.AddMinutes(5))).IsAccepted.Should().BeTrue();
        Reported().When(new ReviseFigure(SohrKilled, new ExactValue(15), "update", Now.AddMinutes(5).AddSeconds(1)))
            .Error!.Message.Should().Contain("publishedAt").And.Contain("in the future");
    }

    [Fact]
    public void A_report_gives_up_to_100_figures_and_an_incident_holds_up_to_500()
    {
        ReportFigure Party(int i) => Killed(Sohr, new ExactValue(1), party: $"party-{i}");
        Report(PalmyraBus() with { Figures = [.. Enumerable.Range(0, 100).Select(Party)] }).IsAccepted.Should().BeTrue();
        var tooMany = Report(PalmyraBus() with { Figures = [.. Enumerable.Range(0, 101).Select(Party)] }).Error!;
        (tooMany.Kind, tooMany.Field, tooMany.Message).Should().Be((DomainErrorKind.Invalid, "figures",
            "a report gives at most 100 figures, not 101: report the rest one by one"));

        var full = new IncidentScenario().Given(PalmyraBus());
        for (var i = 0; i < 499; i++) full.Given(Party(i));
        full.When(Party(499)).IsAccepted.Should().BeTrue("the 500th figure");
        var refused = full.When(Party(500)).Error!;
        (refused.Kind, refused.Code, refused.Message).Should().Be((DomainErrorKind.Conflict, "too-many-figures",
            "incident palmyra-bus-2024-01-09 holds 500 figures, the most one incident may hold"));
        full.When(new ReviseFigure("sohr:killed:party-3", new ExactValue(2), "recount")).IsAccepted.Should().BeTrue("revisions are not capped");
    }

    [Fact]
    public void A_breakdown_holds_up_to_32_entries_and_zero_counts()
    {
        Dictionary<string, int> Entries(int n) => Enumerable.Range(0, n).ToDictionary(i => $"group-{i}", _ => 0);
        Report(PalmyraBus() with { Figures = [Killed(Sohr, new ExactValue(3)) with { Breakdown = Entries(32) }] }).IsAccepted.Should().BeTrue();
        var refused = Report(PalmyraBus() with { Figures = [Killed(Sohr, new ExactValue(3)) with { Breakdown = Entries(33) }] }).Error!;
        (refused.Field, refused.Message).Should().Be(("figures[0].breakdown", "figures[0].breakdown has more than 32 entries"));
        Report(PalmyraBus() with { Figures = [Killed(Sohr, new ExactValue(3)) with { Breakdown = new Dictionary<string, int> { ["Women!"] = 1 } }] })
            .Error!.Field.Should().Be("figures[0].breakdown.Women!");
    }

    [Fact]
    public void A_given_rank_is_kept_and_a_missing_one_comes_from_the_kind()
    {
        SourceRef.Of("sohr", SourceKind.Monitor, 7).Rank.Should().Be(7);
        SourceRef.Of("sohr", SourceKind.Monitor).Rank.Should().Be(SourceRanks.DefaultFor(SourceKind.Monitor));
        SourceRef.Of("amaq", SourceKind.ArmedGroup).Rank.Should().NotBe(SourceRanks.DefaultFor(SourceKind.Monitor));
    }

    [Theory]
    [InlineData(Certainty.Reported)]
    [InlineData(Certainty.Confirmed)]
    [InlineData(Certainty.Claimed)]
    public void Any_other_sources_certainty_is_kept_as_given(Certainty certainty)
    {
        var e = (FigureReported)Report(PalmyraBus() with { Figures = [Killed(Sohr, new ExactValue(3), certainty: certainty)] }).Events[1];
        e.Certainty.Should().Be(certainty);
        var r = (RegionalFigureReported)RegionDecider.Decide(Sohr515 with { Certainty = certainty }, Badiya(), Now).Events.Single();
        r.Certainty.Should().Be(certainty);
        var claim = (RegionalFigureReported)RegionDecider.Decide(Sohr515 with { Source = Amaq, Certainty = certainty }, Badiya(), Now).Events.Single();
        claim.Certainty.Should().Be(Certainty.Claimed, "an armed group's regional figure is its claim too");
    }

    [Fact]
    public void Refusals_say_what_is_wrong_and_name_what_they_are_about()
    {
        var fresh = new IncidentScenario();
        Message(fresh.When(new RetractFigure(SohrKilled, "x"))).Should().Be("no such incident");
        var s = Reported();
        Message(s.When(PalmyraBus())).Should().Contain("palmyra-bus-2024-01-09").And.Contain("already exists");
        Message(s.When(Killed(Sohr, new ExactValue(9)))).Should().Contain(SohrKilled).And.Contain("revise it instead");
        Message(s.When(new ReviseFigure("sohr:killed:ndf", new ExactValue(1), "r"))).Should().Contain("palmyra-bus-2024-01-09").And.Contain("no figure sohr:killed:ndf");
        Message(s.When(new ResolveDispute("d9", DisputeOutcome.Upheld, "n"))).Should().Contain("no dispute d9");
        s.When(new DisputeFigure(SohrKilled, "sana", "the ministry counts fewer"));
        s.When(new ResolveDispute("d1", DisputeOutcome.Dismissed, "SOHR stands")).IsAccepted.Should().BeTrue();
        Message(s.When(new ResolveDispute("d1", DisputeOutcome.Upheld, "again"))).Should().Contain("d1 was already resolved (dismissed)");
        Message(s.When(PalmyraBus() with { Figures = [Killed(Afp, new ExactValue(1)), Killed(Afp, new ExactValue(2))] }))
            .Should().Contain("already exists");
        Message(new IncidentScenario().When(PalmyraBus() with { Figures = [Killed(Afp, new ExactValue(1)), Killed(Afp, new ExactValue(2))] }))
            .Should().Be("figure afp:killed:syrian-army is given twice");
        s.When(new RetractFigure(SohrKilled, "withdrawn")).IsAccepted.Should().BeTrue();
        Message(s.When(new ReviseFigure(SohrKilled, new ExactValue(1), "r"))).Should().Contain(SohrKilled).And.Contain("retracted");
        s.When(new RetractIncident("a duplicate of another incident")).IsAccepted.Should().BeTrue();
        Message(s.When(new ReviseFigure(SohrKilled, new ExactValue(1), "r"))).Should().Be("incident palmyra-bus-2024-01-09 was retracted; it takes no more changes");
    }

    private static string Message(Decision<IIncidentEvent> d) => d.Error!.Message;

    [Fact]
    public void A_resolution_needs_a_note()
    {
        var s = Reported();
        s.When(new DisputeFigure(SohrKilled, "sana", "fewer"));
        s.When(new ResolveDispute("d1", DisputeOutcome.Upheld, " ")).Error!.Field.Should().Be("note");
    }

    [Fact]
    public void A_correction_leaves_out_the_date_it_repeats()
    {
        var s = Reported();
        var e = (IncidentCorrected)s.When(new CorrectIncident("it was a raid", s.State.Occurred, Type: "raid")).Events.Single();
        e.Occurred.Should().BeNull("the date is the one already recorded");
        e.Type.Should().Be("raid");
    }

    [Fact]
    public void A_revision_is_a_new_report_with_its_own_quote_publication_and_url()
    {
        var s = Reported();
        // A revision that gives none of its own shows none: never the first report's quote and date beside a new number.
        s.When(new ReviseFigure(SohrKilled, new ExactValue(15), "one more"));
        s.State.Figures[SohrKilled].Should().Match<FigureState>(f => f.PublishedAt == null && f.Url == null && f.Quote == null);
        var later = Now.AddDays(-1);
        s.When(new ReviseFigure(SohrKilled, new RangeValue(8, 12), "the toll rose", later, "https://www.syriahr.com/en/1", "ثمانية إلى اثني عشر"));
        s.State.Figures[SohrKilled].Should().Match<FigureState>(f => f.PublishedAt == later && f.Url == "https://www.syriahr.com/en/1"
            && f.Quote == "ثمانية إلى اثني عشر" && f.Value == new RangeValue(8, 12));
        s.When(new ReviseFigure(SohrKilled, new ExactValue(17), "again", Quote: new string('x', 2001))).Error!.Field.Should().Be("quote");
    }

    [Fact]
    public void A_dismissed_dispute_leaves_the_figure_counted_and_an_upheld_one_does_not_revive_a_retracted_figure()
    {
        var s = Reported();
        s.When(new DisputeFigure(SohrKilled, "sana", "fewer"));
        s.When(new ResolveDispute("d1", DisputeOutcome.Dismissed, "SOHR stands"));
        s.State.Figures[SohrKilled].Status.Should().Be(FigureStatus.Active);

        s.When(new DisputeFigure(SohrKilled, "sana", "still fewer"));
        s.When(new RetractFigure(SohrKilled, "SOHR withdrew it"));
        s.When(new ResolveDispute("d2", DisputeOutcome.Upheld, "moot")).IsAccepted.Should().BeTrue();
        s.State.Figures[SohrKilled].Status.Should().Be(FigureStatus.Retracted, "an upheld dispute excludes only an active figure");
    }

    [Fact]
    public void An_open_dispute_flags_only_its_own_figures_row()
    {
        var s = new IncidentScenario().Given(PalmyraBus(), Killed(Sohr, new ExactValue(14)),
            Killed(Sohr, new ExactValue(2), party: "isis", partyClass: PartyClass.NonStateArmedGroups));
        s.When(new DisputeFigure(SohrKilled, "sana", "fewer"));
        s.State.HasOpenDispute(SohrKilled).Should().BeTrue();
        s.State.HasOpenDispute("sohr:killed:isis").Should().BeFalse();
        s.State.Reconcile().Select(r => (r.PartyClass, r.Disputed)).Should().BeEquivalentTo(
            [(PartyClass.StateForces, true), (PartyClass.NonStateArmedGroups, false)]);
        s.When(new ResolveDispute("d1", DisputeOutcome.Dismissed, "stands"));
        s.State.HasOpenDispute(SohrKilled).Should().BeFalse("a resolved dispute is not open");
    }

    [Fact]
    public void The_initial_state_is_no_incident()
    {
        var s = IncidentState.Initial;
        (s.Exists, s.Id, s.Title, s.Type, s.Figures.Count, s.Disputes.Count).Should().Be((false, null, "", "", 0, 0));
        TallyContribution.Of(s).Should().BeEmpty();
    }

    [Fact]
    public void A_retracted_incident_adds_to_no_tally_but_keeps_its_rows_for_its_page()
    {
        var s = Reported();
        TallyContribution.Of(s.State).Should().ContainSingle().Which.Should().Match<TallyContribution>(
            t => t.Low == 14 && t.Admin1 == "sy04" && t.Country == "SY" && t.IncidentId == "palmyra-bus-2024-01-09");
        s.When(new RetractIncident("a duplicate"));
        TallyContribution.Of(s.State).Should().BeEmpty();
        s.State.Reconcile().Should().ContainSingle();
    }

    [Fact]
    public void A_history_entry_shows_the_figure_before_and_after_its_event()
    {
        var s = Reported();
        var before = s.State;
        var revised = new FigureRevised(SohrKilled, new ExactValue(15), null, "one more body found", null);
        var after = before.Apply(revised, new EventContext(3, 3, Now, "editor"));
        // The revised figure shows the revision's own report, not the first one's quote beside the new number.
        after.Figures[SohrKilled].Quote.Should().BeNull();
        var quoted = before.Apply(revised with { Quote = "ثمانية إلى اثني عشر", Url = "https://sohr/15", PublishedAt = Now }, new EventContext(3, 3, Now, "editor"));
        (quoted.Figures[SohrKilled].Quote, quoted.Figures[SohrKilled].Url, quoted.Figures[SohrKilled].PublishedAt)
            .Should().Be(("ثمانية إلى اثني عشر", "https://sohr/15", (DateTimeOffset?)Now));
        var recorded = new EventContext(3, 41, Now, "editor");
        var entry = IncidentHistoryEntry.Of(revised, before, after, "figure-revised", recorded);
        entry.Should().Match<IncidentHistoryEntry>(h => h.Position == 41 && h.IncidentId == "palmyra-bus-2024-01-09" && h.Version == 3
            && h.FigureId == SohrKilled && h.ValueBefore == new AtLeastValue(14) && h.ValueAfter == new ExactValue(15)
            && h.StatusBefore == FigureStatus.Active && h.StatusAfter == FigureStatus.Active && h.Reason == "one more body found"
            && h.RecordedBy == "editor");

        var corrected = new IncidentCorrected(null, null, "raid", "it was a raid");
        var c = IncidentHistoryEntry.Of(corrected, after, after.Apply(corrected, new EventContext(4, 4, Now, "editor")), "IncidentCorrected", recorded);
        (c.FigureId, c.ValueBefore, c.ValueAfter, c.Reason).Should().Be(((string?)null, (FigureValue?)null, (FigureValue?)null, "it was a raid"));

        var reported = PalmyraBus();
        var first = new IncidentReported(reported.IncidentId, reported.Title, reported.Occurred, reported.Location, reported.Type, null, null);
        IncidentHistoryEntry.Of(first, IncidentState.Initial, IncidentState.Initial.Apply(first, new EventContext(1, 1, Now, "r")), "IncidentReported", recorded)
            .IncidentId.Should().Be("palmyra-bus-2024-01-09");
        IncidentHistoryEntry.Of(first, IncidentState.Initial, IncidentState.Initial, "IncidentReported", recorded).IncidentId.Should().Be("", "no state names it");
    }

    // Regions

    private static readonly DefineRegion BadiyaArea = new("badiya", "Badiya", "SY", RegionLevel.Area, "sy", ["Syrian Desert"], ["sy04", "sy09"]);
    private static readonly ReportRegionalFigure Sohr515 = new(Sohr, FigureCategory.Killed, PartyClass.StateForces,
        new Period(new DateOnly(2019, 3, 24)), new ApproximateValue(515), Certainty.Reported, Now.AddDays(-1));

    private static RegionState Badiya()
    {
        var state = RegionState.Initial;
        foreach (var e in RegionDecider.Decide(BadiyaArea, state, Now).Events) state = state.Apply(e, new EventContext(1, 1, Now, "t"));
        return state;
    }

    private static RegionState Apply(RegionState state, RegionCommand c)
    {
        var d = RegionDecider.Decide(c, state, Now);
        d.Error.Should().BeNull();
        foreach (var e in d.Events) state = state.Apply(e, new EventContext(9, 9, Now, "t"));
        return state;
    }

    [Fact]
    public void A_region_without_aliases_or_members_and_a_country_without_a_parent_are_defined()
    {
        var gov = (RegionDefined)RegionDecider.Decide(new DefineRegion("sy99", "Test", "SY", RegionLevel.Admin1, "sy", null, null), RegionState.Initial, Now)
            .Events.Single();
        (gov.Aliases.Count, gov.Members.Count).Should().Be((0, 0));
        RegionDecider.Decide(new DefineRegion("xx", "Nowhere", "XX", RegionLevel.Country, null, [], []), RegionState.Initial, Now)
            .IsAccepted.Should().BeTrue("a country has no parent");
        RegionDecider.Decide(BadiyaArea with { Aliases = [.. Enumerable.Range(0, 50).Select(i => $"alias {i}")] }, RegionState.Initial, Now)
            .IsAccepted.Should().BeTrue("50 aliases are kept");
        var twice = (RegionDefined)RegionDecider.Decide(BadiyaArea with { Aliases = ["Desert", "Desert"], Members = ["sy04", "sy04"] }, RegionState.Initial, Now)
            .Events.Single();
        (twice.Aliases.Count, twice.Members.Count).Should().Be((1, 1), "a spelling or member listed twice is kept once");
    }

    [Fact]
    public void A_period_may_start_and_end_today()
    {
        RegionDecider.Decide(Sohr515 with { Period = new Period(Today) }, Badiya(), Now).IsAccepted.Should().BeTrue();
        RegionDecider.Decide(Sohr515 with { Period = new Period(new DateOnly(2020, 1, 1), Today) }, Badiya(), Now).IsAccepted.Should().BeTrue();
    }

    [Fact]
    public void A_regional_figure_id_names_source_category_class_and_period()
    {
        RegionDecider.FigureIdFor("sohr", FigureCategory.Killed, PartyClass.StateForces, new Period(new DateOnly(2019, 3, 24), new DateOnly(2020, 6, 30)))
            .Should().Be("sohr:killed:state-forces:2019-03-24..2020-06-30");
        RegionDecider.FigureIdFor("sohr", FigureCategory.Killed, PartyClass.StateForces, new Period(new DateOnly(2019, 3, 24)))
            .Should().Be("sohr:killed:state-forces:2019-03-24");
    }

    [Fact]
    public void Region_refusals_say_what_is_wrong()
    {
        var none = RegionDecider.Decide(Sohr515, RegionState.Initial, Now).Error!;
        (none.Kind, none.Code, none.Message).Should().Be((DomainErrorKind.NotFound, "region-not-found", "no such region"));
        var state = Badiya();
        RegionDecider.Decide(BadiyaArea, state, Now).Error!.Message.Should().Be("region badiya is already defined");
        state = Apply(state, Sohr515);
        RegionDecider.Decide(Sohr515, state, Now).Error!.Message.Should().Be("regional figure sohr:killed:state-forces:2019-03-24 exists; revise it instead");
        var missing = RegionDecider.Decide(new ReviseRegionalFigure("sohr:x", new ExactValue(1), "r"), state, Now).Error!;
        (missing.Code, missing.Field, missing.Message).Should().Be(("figure-not-found", "figureId", "region badiya has no figure sohr:x"));
        RegionDecider.Decide(new DisputeRegionalFigure("sohr:x", "sana", "r"), state, Now).Error!.Code.Should().Be("figure-not-found");
    }

    [Fact]
    public void Every_region_of_the_gazetteer_is_in_the_country_its_code_names()
    {
        foreach (var r in Gazetteer.Regions)
        {
            r.Country.Should().Be(r.IsoCode![..2], r.RegionId);
            (r.Level == RegionLevel.Country ? r.ParentId : r.Country.ToLowerInvariant()).Should().Be(r.ParentId, r.RegionId);
        }
        Gazetteer.Regions.Where(r => r.Level == RegionLevel.Country).Select(r => (r.RegionId, r.Country)).Should().Equal(("sy", "SY"), ("iq", "IQ"));
    }

    // Reconciliation

    private static ReconcilableFigure Figure(string source, int rank, string party, FigureValue value) =>
        new($"{source}:killed:{party}", source, rank, FigureCategory.Killed, party, PartyClass.StateForces, value, Certainty.Reported,
            Now.AddDays(-1), Now, FigureStatus.Active, false);

    [Fact]
    public void A_source_ranked_differently_over_time_is_ranked_by_its_best_rank()
    {
        // SOHR was recorded at rank 1 for one party and rank 3 for another (its rank changed between reports);
        // AFP at rank 2. SOHR leads the row with its best rank.
        var row = Reconciler.Reconcile([
            Figure("sohr", 3, "syrian-army", new ExactValue(10)), Figure("sohr", 1, "ndf", new ExactValue(5)),
            Figure("afp", 2, "syrian-army", new ExactValue(40)),
        ]).Single();
        (row.BestSource, row.Best).Should().Be(("sohr", 15L));
    }

    [Fact]
    public void A_range_below_zero_at_both_ends_names_its_low_first() =>
        new RangeValue(-5, -1).Validate("value")!.Field.Should().Be("value.low");

    [Fact]
    public void A_regional_revision_is_a_new_report_with_its_own_quote_url_and_date()
    {
        var state = Badiya();
        var reported = Sohr515 with { Url = "https://sohr/515", Quote = "an estimated 515" };
        var figureId = ((RegionalFigureReported)RegionDecider.Decide(reported, state, Now).Events.Single()).FigureId;
        state = state.Apply(RegionDecider.Decide(reported, state, Now).Events.Single(), new EventContext(2, 2, Now, "t"));

        // A revision is a new report: without a quote of its own, the figure shows none rather than the first report's.
        var bare = state.Apply(new RegionalFigureRevised(figureId, new AtLeastValue(570), null, "running tally", null, null), new EventContext(3, 3, Now, "t"))
            .Figures[figureId];
        bare.Value.Should().Be(new AtLeastValue(570));
        (bare.PublishedAt, bare.Url, bare.Quote).Should().Be(((DateTimeOffset?)null, (string?)null, (string?)null));

        var replaced = state.Apply(new RegionalFigureRevised(figureId, new AtLeastValue(570), Now, "running tally", "https://sohr/570", "at least 570"),
            new EventContext(3, 3, Now, "t")).Figures[figureId];
        (replaced.PublishedAt, replaced.Url, replaced.Quote).Should().Be(((DateTimeOffset?)Now, "https://sohr/570", "at least 570"));
        replaced.Revision.Should().Be(2);
    }

    [Theory]
    [InlineData("Dayr az-Zawr", "Dayr az Zawr")]     // a hyphen
    [InlineData("Deir ez-Zor", "Deir e’z-Zor")]      // a typographic apostrophe is dropped
    [InlineData("Deir ez-Zor", "Deir e'z-Zor")]
    [InlineData("Deir ez-Zor", "Deir eʼz-Zor")]      // the modifier letter apostrophe
    [InlineData("دير الزور", "دِيرُ الزَّوْرِ")]          // kasra, damma, shadda, sukun: U+064B..U+065F
    [InlineData("حماه", "حمٰاه")]                     // superscript alef U+0670
    [InlineData("دير الزور", "دير الزورً")]            // fathatan U+064B, the first mark
    [InlineData("دير الزور", "دير الزور\u065F")]      // wavy hamza below U+065F, the last
    public void Spellings_that_differ_only_in_marks_and_apostrophes_name_the_same_governorate(string written, string variant) =>
        Gazetteer.Index.Resolve(variant)!.RegionId.Should().Be(Gazetteer.Index.Resolve(written)!.RegionId);

    [Fact]
    public void An_arabic_letter_outside_the_mark_ranges_is_kept()
    {
        // U+064A (ya) sits just below the harakat and U+0660 (Arabic-Indic zero) just above: neither is a mark.
        Gazetteer.Index.Resolve("دير الزوري").Should().BeNull();
        Gazetteer.Index.Resolve("دير الزور٠").Should().BeNull();
    }
}
