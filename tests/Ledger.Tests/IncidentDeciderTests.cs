using Ledger.Incidents;
using Ledger.Reconciliation;
using static Ledger.Tests.IncidentScenario;

namespace Ledger.Tests;

public sealed class IncidentDeciderTests
{
    private static IncidentScenario Reported() => new IncidentScenario().Given(PalmyraBus());

    private static void Refused(Decision<IIncidentEvent> d, DomainErrorKind kind, string code, string? field = null)
    {
        d.IsAccepted.Should().BeFalse();
        d.Events.Should().BeEmpty();
        d.Error!.Kind.Should().Be(kind);
        d.Error.Code.Should().Be(code);
        if (field is not null) d.Error.Field.Should().Be(field);
    }

    [Fact]
    public void Reporting_an_incident_with_figures_records_both()
    {
        var s = new IncidentScenario();
        var d = s.When(PalmyraBus() with { Figures = [Killed(Sohr, new AtLeastValue(14))] });
        d.Events.Should().SatisfyRespectively(
            e => e.Should().BeOfType<IncidentReported>(),
            e => e.Should().BeOfType<FigureReported>().Which.FigureId.Should().Be("sohr:killed:syrian-army"));
        s.State.Reconcile().Should().ContainSingle().Which.Best.Should().Be(14);
    }

    [Fact]
    public void Figures_reported_together_are_stored_together_or_not_at_all()
    {
        var s = Reported();
        s.When(new ReportFigures([Killed(Sohr, new AtLeastValue(14)), Killed(Amaq, new ExactValue(20))])).Events.Should().SatisfyRespectively(
            e => e.Should().BeOfType<FigureReported>().Which.FigureId.Should().Be("sohr:killed:syrian-army"),
            e => e.Should().BeOfType<FigureReported>().Which.Certainty.Should().Be(Certainty.Claimed, "an armed group's figure is its claim"));
        // One figure already there refuses the batch, naming it; nothing of the batch is decided.
        Refused(s.When(new ReportFigures([Killed(Afp, new ExactValue(15)), Killed(Sohr, new ExactValue(17))])), DomainErrorKind.Conflict, "figure-exists", "figures[1].source");
        Refused(Reported().When(new ReportFigures([Killed(Afp, new ExactValue(15)), Killed(Afp, new ExactValue(16))])), DomainErrorKind.Conflict, "figure-exists", "figures[1]");
        Refused(Reported().When(new ReportFigures([])), DomainErrorKind.Invalid, "invalid", "figures");
        s.State.Figures.Should().HaveCount(2);
    }

    [Fact]
    public void Reporting_an_incident_twice_is_a_conflict() =>
        Refused(Reported().When(PalmyraBus()), DomainErrorKind.Conflict, "incident-exists");

    [Fact]
    public void Anything_on_an_unknown_incident_is_not_found() =>
        Refused(new IncidentScenario().When(Killed(Sohr, new ExactValue(1))), DomainErrorKind.NotFound, "incident-not-found");

    [Fact]
    public void Reporting_a_figure_that_exists_is_a_conflict_revise_it_instead()
    {
        var s = Reported().Given(Killed(Sohr, new AtLeastValue(14)));
        Refused(s.When(Killed(Sohr, new ExactValue(15))), DomainErrorKind.Conflict, "figure-exists");
    }

    [Fact]
    public void Revising_a_figure_that_does_not_exist_is_not_found() =>
        Refused(Reported().When(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(15), "update")),
            DomainErrorKind.NotFound, "figure-not-found", "figureId");

    [Fact]
    public void A_revision_changes_the_value_and_the_tally()
    {
        var s = Reported().Given(Killed(Sohr, new AtLeastValue(14)));
        s.When(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(16), "later count")).IsAccepted.Should().BeTrue();
        s.State.Figures["sohr:killed:syrian-army"].Should().Match<FigureState>(f => f.Revision == 2 && f.Value == new ExactValue(16));
        s.State.Reconcile().Single().Best.Should().Be(16);
    }

    [Fact]
    public void A_source_cannot_dispute_its_own_figure()
    {
        var s = Reported().Given(Killed(Sohr, new AtLeastValue(14)));
        Refused(s.When(new DisputeFigure("sohr:killed:syrian-army", "sohr", "we were wrong")), DomainErrorKind.Invalid, "invalid", "disputedBy");
    }

    [Fact]
    public void Disputes_are_numbered_and_resolving_one_twice_is_a_conflict()
    {
        var s = Reported().Given(Killed(Sohr, new AtLeastValue(14)), Killed(Afp, new ExactValue(9)));
        s.When(new DisputeFigure("sohr:killed:syrian-army", "sana", "inflated")).Events.Single()
            .Should().BeOfType<FigureDisputed>().Which.DisputeId.Should().Be("d1");
        s.When(new DisputeFigure("afp:killed:syrian-army", "sohr", "too low")).Events.Single()
            .Should().BeOfType<FigureDisputed>().Which.DisputeId.Should().Be("d2");
        s.State.Reconcile().Single().Disputed.Should().BeTrue();

        s.When(new ResolveDispute("d1", DisputeOutcome.Dismissed, "SOHR stands")).IsAccepted.Should().BeTrue();
        Refused(s.When(new ResolveDispute("d1", DisputeOutcome.Upheld, "changed our mind")), DomainErrorKind.Conflict, "dispute-resolved");
        Refused(s.When(new ResolveDispute("d9", DisputeOutcome.Upheld, "?")), DomainErrorKind.NotFound, "dispute-not-found");
    }

    [Fact]
    public void An_upheld_dispute_excludes_the_figure_for_good()
    {
        var s = Reported().Given(Killed(Sohr, new AtLeastValue(14)), Killed(Afp, new ExactValue(9)),
            new DisputeFigure("sohr:killed:syrian-army", "sana", "inflated"), new ResolveDispute("d1", DisputeOutcome.Upheld, "checked"));
        s.State.Figures["sohr:killed:syrian-army"].Status.Should().Be(FigureStatus.Excluded);
        var row = s.State.Reconcile().Single();
        (row.Best, row.Disputed).Should().Be((9L, false));

        s.When(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(15), "recount")).IsAccepted.Should().BeTrue();
        s.State.Reconcile().Single().Best.Should().Be(9);
        Refused(s.When(new DisputeFigure("sohr:killed:syrian-army", "afp", "again")), DomainErrorKind.Conflict, "figure-excluded");
    }

    [Fact]
    public void A_retracted_figure_takes_no_revision_and_leaves_the_tally()
    {
        var s = Reported().Given(Killed(Sohr, new AtLeastValue(14)), new RetractFigure("sohr:killed:syrian-army", "wrong incident"));
        s.State.Reconcile().Should().BeEmpty();
        Refused(s.When(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(3), "x")), DomainErrorKind.Conflict, "figure-retracted");
        Refused(s.When(new RetractFigure("sohr:killed:syrian-army", "again")), DomainErrorKind.Conflict, "figure-retracted");
    }

    [Fact]
    public void A_retracted_incident_takes_nothing_more()
    {
        var s = Reported().Given(Killed(Sohr, new AtLeastValue(14)), new RetractIncident("duplicate of another report"));
        s.State.Retracted.Should().BeTrue();
        Refused(s.When(Killed(Afp, new ExactValue(1))), DomainErrorKind.Conflict, "incident-retracted");
        Refused(s.When(new RetractIncident("again")), DomainErrorKind.Conflict, "incident-retracted");
        Refused(s.When(new CorrectIncident("x", Type: "raid")), DomainErrorKind.Conflict, "incident-retracted");
    }

    [Fact]
    public void An_armed_groups_figure_is_always_a_claim()
    {
        var s = Reported();
        var e = s.When(Killed(Amaq, new ExactValue(20), certainty: Certainty.Confirmed)).Events.Single().Should().BeOfType<FigureReported>().Subject;
        e.Certainty.Should().Be(Certainty.Claimed);
        e.SourceRank.Should().Be(5);
    }

    [Fact]
    public void A_correction_records_only_what_changes_and_must_change_something()
    {
        var s = Reported();
        var moved = PalmyraBus().Location with { Admin1 = "sy09" };
        var e = s.When(new CorrectIncident("it was in Deir-ez-Zor", Location: moved, Type: "ambush")).Events.Single()
            .Should().BeOfType<IncidentCorrected>().Subject;
        e.Location.Should().Be(moved);
        e.Type.Should().BeNull();
        s.State.Location!.Admin1.Should().Be("sy09");
        Refused(s.When(new CorrectIncident("no-op", Location: moved)), DomainErrorKind.Invalid, "invalid");
    }

    [Theory]
    [MemberData(nameof(BadReports))]
    public void Bad_input_is_refused_naming_the_field(ReportIncident command, string field) =>
        Refused(new IncidentScenario().When(command), DomainErrorKind.Invalid, "invalid", field);

    public static TheoryData<ReportIncident, string> BadReports()
    {
        var ok = PalmyraBus();
        return new()
        {
            { ok with { IncidentId = "Bad Id" }, "id" },
            { ok with { IncidentId = "x" }, "id" },
            { ok with { Title = " " }, "title" },
            { ok with { Title = new string('a', 301) }, "title" },
            { ok with { Title = "nul\0" }, "title" },
            { ok with { Occurred = new Occurrence(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(1)) }, "occurred.date" },
            { ok with { Occurred = new Occurrence(new DateOnly(2024, 1, 9), EndDate: new DateOnly(2024, 1, 8)) }, "occurred.endDate" },
            { ok with { Location = ok.Location with { Country = "syria" } }, "location.country" },
            { ok with { Location = ok.Location with { Admin1 = "Deir ez-Zor" } }, "location.admin1" },
            { ok with { Location = ok.Location with { Lat = 91, Lon = 0 } }, "location.lat" },
            { ok with { Location = ok.Location with { Lat = 34.5m } }, "location.lat" },
            { ok with { Type = "" }, "type" },
            { ok with { Figures = [Killed(Sohr, new ExactValue(-1))] }, "figures[0].value.value" },
            { ok with { Figures = [Killed(Sohr, new RangeValue(20, 10))] }, "figures[0].value" },
            { ok with { Figures = [Killed(Sohr, new UnquantifiedValue(""))] }, "figures[0].value.text" },
            { ok with { Figures = [Killed(Sohr, new ExactValue(1)) with { PublishedAt = Now.AddDays(2) }] }, "figures[0].publishedAt" },
            { ok with { Figures = [Killed(Sohr, new ExactValue(1)) with { Url = "javascript:alert(1)" }] }, "figures[0].url" },
            { ok with { Figures = [Killed(Sohr, new ExactValue(1)) with { Category = FigureCategory.Attacks }] }, "figures[0].category" },
            { ok with { Figures = [Killed(Sohr, new ExactValue(1)) with { Breakdown = new Dictionary<string, int> { ["women"] = -1 } }] }, "figures[0].breakdown.women" },
            { ok with { Figures = [Killed(Sohr, new ExactValue(1), party: "Syrian Army")] }, "figures[0].party" },
        };
    }

    [Fact]
    public void The_same_figure_twice_in_one_report_is_a_conflict() =>
        Refused(new IncidentScenario().When(PalmyraBus() with { Figures = [Killed(Sohr, new ExactValue(1)), Killed(Sohr, new ExactValue(2))] }),
            DomainErrorKind.Conflict, "figure-exists");

    [Fact]
    public void Unicode_text_is_accepted()
    {
        var d = new IncidentScenario().When(PalmyraBus() with { Title = "هجوم على حافلة عسكرية قرب تدمر", Description = "Zürich — 東京 — 🚌" });
        d.IsAccepted.Should().BeTrue();
    }

    [Fact]
    public void A_correction_changes_what_it_names_and_keeps_the_rest()
    {
        var s = Reported();
        var (date, place) = (s.State.Occurred, s.State.Location);
        s.When(new CorrectIncident("it was a raid", Type: "raid")).IsAccepted.Should().BeTrue();
        (s.State.Type, s.State.Occurred, s.State.Location).Should().Be(("raid", date, place));
        var later = new Occurrence(new DateOnly(2024, 1, 10));
        s.When(new CorrectIncident("a day later", later)).IsAccepted.Should().BeTrue();
        (s.State.Type, s.State.Occurred, s.State.Location).Should().Be(("raid", later, place));
        var moved = new Location("SY", "sy09");
        s.When(new CorrectIncident("in Deir-ez-Zor", Location: moved)).IsAccepted.Should().BeTrue();
        (s.State.Type, s.State.Occurred, s.State.Location).Should().Be(("raid", later, moved));
    }
}
