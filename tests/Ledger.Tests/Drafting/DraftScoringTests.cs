using Ledger.Drafting;
using Ledger.Reconciliation;

namespace Ledger.Tests.Drafting;

/// <summary>The measure the drafter is held to, on hand-made drafts: pairing by value, then by category; a pair used
/// once; each field counted on its own; nothing drafted or expected scoring 1, not a division by zero.</summary>
public sealed class DraftScoringTests
{
    private static DraftFigure Drafted(int value, FigureCategory category, string party = "sdf", Certainty certainty = Certainty.Reported) =>
        new(category, party, PartyClass.StateForces, new ExactValue(value), certainty, null, "q", new TextSpan(0, 1));

    private static ExpectedFigure Expected(int value, FigureCategory category, string party = "sdf", Certainty certainty = Certainty.Reported) =>
        new(new ExactValue(value), category, certainty, party);

    private static Dictionary<string, (int Right, int Drafted, int Expected)> Score(
        IReadOnlyList<DraftFigure> drafted, IReadOnlyList<ExpectedFigure> expected) =>
        DraftScoring.Score([(drafted, expected)]).ToDictionary(s => s.Field, s => (s.Right, s.Drafted, s.Expected));

    [Fact]
    public void A_value_pairs_first_with_the_figure_of_its_category_and_each_figure_pairs_once()
    {
        // Two drafted 5s: the injured one is the pair of the expected injured 5, whichever comes first.
        var scores = Score(
            [Drafted(5, FigureCategory.Killed, party: "isis"), Drafted(5, FigureCategory.Injured)],
            [Expected(5, FigureCategory.Injured), Expected(5, FigureCategory.Killed, party: "isis", certainty: Certainty.Claimed)]);
        scores["value"].Should().Be((2, 2, 2));
        scores["category"].Should().Be((2, 2, 2));
        scores["party"].Should().Be((2, 2, 2));
        scores["certainty"].Should().Be((1, 2, 2), "the killed one was expected as claimed");
    }

    [Fact]
    public void A_value_with_no_figure_of_its_category_still_pairs_but_its_category_is_wrong()
    {
        var scores = Score([Drafted(7, FigureCategory.Killed, party: "isis")], [Expected(7, FigureCategory.Injured), Expected(8, FigureCategory.Killed)]);
        scores["value"].Should().Be((1, 1, 2));
        scores["category"].Should().Be((0, 1, 2));
        scores["party"].Should().Be((0, 1, 2));
    }

    [Fact]
    public void Nothing_drafted_or_nothing_expected_is_a_score_of_one_not_a_division_by_zero()
    {
        new FieldScore("value", 0, 0, 3).Precision.Should().Be(1);
        new FieldScore("value", 0, 3, 0).Recall.Should().Be(1);
        new FieldScore("value", 2, 4, 8).Should().Match<FieldScore>(s => s.Precision == 0.5 && s.Recall == 0.25);
    }
}
