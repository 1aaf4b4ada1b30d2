using Ledger.Reconciliation;

namespace Ledger.Tests;

public sealed class ReconcilerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 10, 12, 0, 0, TimeSpan.Zero);

    internal static ReconcilableFigure Fig(string source, FigureValue value, int rank = 1, Certainty certainty = Certainty.Reported,
        string party = "syrian-army", PartyClass partyClass = PartyClass.StateForces, FigureCategory category = FigureCategory.Killed,
        DateTimeOffset? published = null, DateTimeOffset? recorded = null, FigureStatus status = FigureStatus.Active, bool openDispute = false) =>
        new($"{source}:{category}:{party}", source, rank, category, party, partyClass, value, certainty,
            published, recorded ?? T0, status, openDispute);

    private static ReconciledEstimate Single(params ReconcilableFigure[] figures) => Reconciler.Reconcile(figures).Should().ContainSingle().Subject;

    [Theory]
    [MemberData(nameof(ValueKinds))]
    public void Each_value_kind_maps_to_low_best_high(FigureValue value, long low, long best, long high)
    {
        var row = Single(Fig("sohr", value));
        (row.Low, row.Best, row.High).Should().Be((low, best, high));
        row.Unquantified.Should().Be(0);
    }

    public static TheoryData<FigureValue, long, long, long> ValueKinds => new()
    {
        { new ExactValue(14), 14, 14, 14 },
        { new AtLeastValue(14), 14, 14, 14 },
        { new AtMostValue(20), 0, 20, 20 },
        { new ApproximateValue(550), 550, 550, 550 },
        { new RangeValue(950, 975), 950, 962, 975 }, // floor((950+975)/2)
        { new RangeValue(10, 20), 10, 15, 20 },
        { new RangeValue(0, 0), 0, 0, 0 },
        { new RangeValue(int.MaxValue - 1, int.MaxValue), int.MaxValue - 1, int.MaxValue - 1, int.MaxValue },
    };

    [Fact]
    public void Unquantified_figures_give_no_number_but_are_counted()
    {
        var row = Single(Fig("pmf", new UnquantifiedValue("numerous")));
        row.Low.Should().BeNull();
        row.Best.Should().BeNull();
        row.High.Should().BeNull();
        row.Unquantified.Should().Be(1);
        row.Sources.Should().Equal("pmf");
        row.Contested.Should().BeFalse();

        var mixed = Single(Fig("pmf", new UnquantifiedValue("numerous")), Fig("sohr", new ExactValue(10)));
        (mixed.Low, mixed.Best, mixed.High, mixed.Unquantified).Should().Be((10L, 10L, 10L, 1));
        mixed.Sources.Should().Equal("pmf", "sohr");
    }

    [Fact]
    public void A_sources_figures_for_several_parties_of_one_class_add_up()
    {
        var row = Single(
            Fig("sohr", new AtLeastValue(8), party: "syrian-army"),
            Fig("sohr", new ExactValue(3), party: "ndf"),
            Fig("sohr", new RangeValue(1, 3), party: "iranian-backed-militias"));
        (row.Low, row.Best, row.High).Should().Be((12L, 13L, 14L));
        row.Sources.Should().Equal("sohr");
    }

    [Fact]
    public void Low_is_the_smallest_low_high_the_largest_high_and_best_from_the_first_ranked_source()
    {
        var row = Single(
            Fig("reuters", new RangeValue(10, 20), rank: 3),
            Fig("sohr", new AtLeastValue(14), rank: 1),
            Fig("sana", new ExactValue(9), rank: 4));
        (row.Low, row.Best, row.High).Should().Be((9L, 14L, 20L));
        row.BestSource.Should().Be("sohr");
    }

    [Fact]
    public void Claimed_figures_are_left_out_while_another_figure_gives_a_number()
    {
        var row = Single(Fig("amaq", new ExactValue(20), rank: 5, certainty: Certainty.Claimed), Fig("sohr", new AtLeastValue(14)));
        (row.Low, row.Best, row.High).Should().Be((14L, 14L, 14L));
        row.Contested.Should().BeFalse();
        row.Sources.Should().Equal("amaq", "sohr");
    }

    [Fact]
    public void When_only_claims_give_numbers_they_are_used_and_the_row_is_contested()
    {
        var row = Single(
            Fig("amaq", new ExactValue(20), rank: 5, certainty: Certainty.Claimed),
            Fig("sohr", new UnquantifiedValue("several"), certainty: Certainty.Reported));
        (row.Low, row.Best, row.High).Should().Be((20L, 20L, 20L));
        row.Contested.Should().BeTrue();
        row.Unquantified.Should().Be(1);
        row.BestSource.Should().Be("amaq");
    }

    [Fact]
    public void A_sources_own_rank_overrides_its_kind_and_ties_go_to_the_later_publication()
    {
        // A news agency ranked 1 by override ties with a monitor: the later publication gives best.
        var row = Single(
            Fig("sohr", new ExactValue(11), rank: 1, published: T0.AddDays(-2)),
            Fig("afp", new ExactValue(13), rank: 1, published: T0.AddDays(-1)));
        row.Best.Should().Be(13);
        row.BestSource.Should().Be("afp");
    }

    [Fact]
    public void Equal_publication_ties_go_to_the_later_recording_then_to_the_source_id()
    {
        var published = T0.AddDays(-1);
        Single(Fig("a-monitor", new ExactValue(5), published: published, recorded: T0.AddMinutes(1)),
               Fig("b-monitor", new ExactValue(7), published: published, recorded: T0))
            .Best.Should().Be(5);
        Single(Fig("b-monitor", new ExactValue(7), published: published), Fig("a-monitor", new ExactValue(5), published: published))
            .BestSource.Should().Be("a-monitor");
    }

    [Fact]
    public void A_figure_without_a_publication_date_loses_a_tie_to_one_with_a_date()
    {
        Single(Fig("sohr", new ExactValue(5), recorded: T0.AddHours(1)), Fig("ochr", new ExactValue(6), published: T0.AddYears(-3)))
            .Best.Should().Be(6);
    }

    [Fact]
    public void For_a_sources_sum_its_latest_figure_decides_the_tie()
    {
        var row = Single(
            Fig("sohr", new ExactValue(4), party: "syrian-army", published: T0.AddDays(-5)),
            Fig("sohr", new ExactValue(4), party: "ndf", published: T0.AddDays(-1)),
            Fig("lcc", new ExactValue(10), published: T0.AddDays(-3)));
        row.BestSource.Should().Be("sohr");
        row.Best.Should().Be(8);
    }

    [Fact]
    public void An_open_dispute_flags_the_row_but_does_not_exclude_the_figure()
    {
        var row = Single(Fig("sohr", new ExactValue(14), openDispute: true));
        row.Disputed.Should().BeTrue();
        row.Best.Should().Be(14);
    }

    [Fact]
    public void Excluded_and_retracted_figures_drop_out_and_a_row_with_none_left_disappears()
    {
        var row = Single(
            Fig("sohr", new ExactValue(14), status: FigureStatus.Excluded),
            Fig("sana", new ExactValue(3), rank: 4),
            Fig("afp", new ExactValue(30), rank: 3, status: FigureStatus.Retracted));
        (row.Low, row.Best, row.High).Should().Be((3L, 3L, 3L));
        row.Sources.Should().Equal("sana");
        Reconciler.Reconcile([Fig("sohr", new ExactValue(1), status: FigureStatus.Retracted)]).Should().BeEmpty();
    }

    [Fact]
    public void Rows_are_per_category_and_party_class()
    {
        var rows = Reconciler.Reconcile([
            Fig("sohr", new ExactValue(93), party: "civilians", partyClass: PartyClass.Civilians),
            Fig("sohr", new ExactValue(136), party: "sdf", partyClass: PartyClass.NonStateArmedGroups),
            Fig("sohr", new ExactValue(5), category: FigureCategory.Injured, party: "sdf", partyClass: PartyClass.NonStateArmedGroups),
        ]);
        rows.Select(r => (r.Category, r.PartyClass, r.Best)).Should().Equal(
            (FigureCategory.Killed, PartyClass.Civilians, 93L),
            (FigureCategory.Killed, PartyClass.NonStateArmedGroups, 136L),
            (FigureCategory.Injured, PartyClass.NonStateArmedGroups, 5L));
    }
}
