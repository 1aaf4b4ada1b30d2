using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Tests;

public sealed class RegionDeciderTests
{
    private static readonly DateTimeOffset Now = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static RegionState Run(params RegionCommand[] commands)
    {
        var state = RegionState.Initial;
        var v = 0;
        foreach (var c in commands)
        {
            var d = RegionDecider.Decide(c, state, Now);
            d.Error.Should().BeNull();
            foreach (var e in d.Events) state = state.Apply(e, new EventContext(++v, v, Now, "t"));
        }
        return state;
    }

    private static readonly DefineRegion Badiya = new("badiya", "Badiya", "SY", RegionLevel.Area, "sy", ["Syrian Desert"], ["sy04", "sy09", "sy13"]);

    [Fact]
    public void The_running_tally_is_one_regional_figure_revised_from_515_to_570()
    {
        var report = new ReportRegionalFigure(Sohr, FigureCategory.Killed, PartyClass.StateForces, new Period(new DateOnly(2019, 3, 24)),
            new ApproximateValue(515), Certainty.Reported, new DateTimeOffset(2020, 5, 9, 0, 0, 0, TimeSpan.Zero));
        var id = RegionDecider.FigureIdFor("sohr", FigureCategory.Killed, PartyClass.StateForces, report.Period);
        id.Should().Be("sohr:killed:state-forces:2019-03-24");

        var state = Run(Badiya, report, new ReviseRegionalFigure(id, new AtLeastValue(570), "SOHR's later count"));
        state.Figures[id].Should().Match<RegionalFigureState>(f => f.Value == new AtLeastValue(570) && f.Revision == 2);
    }

    [Fact]
    public void An_area_lists_its_members_and_other_levels_do_not()
    {
        RegionDecider.Decide(Badiya with { Members = [] }, RegionState.Initial, Now).Error!.Field.Should().Be("members");
        RegionDecider.Decide(Badiya with { Level = RegionLevel.Admin1 }, RegionState.Initial, Now).Error!.Field.Should().Be("members");
        RegionDecider.Decide(Badiya, Run(Badiya), Now).Error!.Code.Should().Be("region-exists");
    }

    [Fact]
    public void Regional_figures_refuse_future_periods_reversed_periods_and_own_disputes()
    {
        var state = Run(Badiya);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        RegionDecider.Decide(new ReportRegionalFigure(Sohr, FigureCategory.Attacks, PartyClass.Unknown, new Period(today.AddDays(1)),
            new ExactValue(1), Certainty.Reported), state, Now).Error!.Field.Should().Be("period.from");
        RegionDecider.Decide(new ReportRegionalFigure(Sohr, FigureCategory.Attacks, PartyClass.Unknown,
            new Period(new DateOnly(2021, 1, 1), new DateOnly(2020, 1, 1)), new ExactValue(1), Certainty.Reported), state, Now).Error!.Field.Should().Be("period.to");

        var attacks = new ReportRegionalFigure(Sohr, FigureCategory.Attacks, PartyClass.Unknown,
            new Period(new DateOnly(2020, 1, 1), new DateOnly(2021, 12, 31)), new RangeValue(950, 975), Certainty.Reported);
        state = Run(Badiya, attacks);
        var id = state.Figures.Keys.Single();
        RegionDecider.Decide(new DisputeRegionalFigure(id, "sohr", "x"), state, Now).Error!.Field.Should().Be("disputedBy");
        RegionDecider.Decide(new DisputeRegionalFigure(id, "analyst-1", "double counts"), state, Now).Events.Single()
            .Should().BeOfType<RegionalFigureDisputed>().Which.DisputeId.Should().Be("d1");
        RegionDecider.Decide(attacks, state, Now).Error!.Code.Should().Be("figure-exists");
    }

    [Fact]
    public void Figures_on_an_undefined_region_are_not_found() =>
        RegionDecider.Decide(new ReviseRegionalFigure("x", new ExactValue(1), "r"), RegionState.Initial, Now).Error!.Kind
            .Should().Be(DomainErrorKind.NotFound);
}
