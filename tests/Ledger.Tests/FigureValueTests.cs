using Ledger.Reconciliation;

namespace Ledger.Tests;

/// <summary>What each value kind says in words, where its bounds are, and when two reconciled rows are the same.</summary>
public sealed class FigureValueTests
{
    [Fact]
    public void Each_kind_reads_as_the_source_said_it()
    {
        new ExactValue(14).ToString().Should().Be("14");
        new AtLeastValue(14).ToString().Should().Be("at least 14");
        new AtMostValue(20).ToString().Should().Be("at most 20");
        new ApproximateValue(515).ToString().Should().Be("about 515");
        new RangeValue(950, 975).ToString().Should().Be("950 to 975");
        new UnquantifiedValue("numerous").ToString().Should().Contain("numerous");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void Counts_start_at_zero_for_every_kind(int n, bool valid)
    {
        foreach (var v in new FigureValue[] { new ExactValue(n), new AtLeastValue(n), new AtMostValue(n), new ApproximateValue(n) })
        {
            var error = v.Validate("value");
            (error is null).Should().Be(valid, v.ToString());
            if (!valid) (error!.Field, error.Message.Contains("value.value")).Should().Be(("value.value", true));
        }
    }

    [Fact]
    public void A_range_checks_both_ends_and_their_order()
    {
        new RangeValue(5, 5).Validate("v").Should().BeNull("a range may be one number");
        new RangeValue(0, 0).Validate("v").Should().BeNull();
        new RangeValue(-1, 5).Validate("v")!.Field.Should().Be("v.low");
        new RangeValue(1, -5).Validate("v")!.Field.Should().Be("v.high");
        var reversed = new RangeValue(6, 5).Validate("v")!;
        (reversed.Field, reversed.Message).Should().Be(("v", "v: low (6) is greater than high (5)"));
        new RangeValue(int.MaxValue - 1, int.MaxValue).ToEstimate()!.Value.Best.Should().Be(int.MaxValue - 1, "the midpoint never overflows");
        new RangeValue(3, 6).ToEstimate()!.Value.Should().Be(new Estimate(3, 4, 6), "best is floor((a+b)/2)");
    }

    [Fact]
    public void An_unquantified_figure_needs_words_and_no_more_than_500_characters()
    {
        new UnquantifiedValue(new string('n', 500)).Validate("v").Should().BeNull();
        var tooLong = new UnquantifiedValue(new string('n', 501)).Validate("v")!;
        (tooLong.Field, tooLong.Message).Should().Be(("v.text", "v.text is longer than 500 characters"));
        var blank = new UnquantifiedValue(" ").Validate("v")!;
        blank.Field.Should().Be("v.text");
        blank.Message.Should().Contain("numerous");
        new UnquantifiedValue("dozens").ToEstimate().Should().BeNull();
    }

    [Fact]
    public void Reconciled_rows_are_equal_only_when_every_field_is()
    {
        var row = new ReconciledEstimate(FigureCategory.Killed, PartyClass.Civilians, 1, 2, 3, ["a", "b"], "a", false, false, 0);
        row.Equals(row with { Sources = ["a", "b"] }).Should().BeTrue("lists compare by content");
        row.GetHashCode().Should().Be((row with { Sources = ["a", "b"] }).GetHashCode());
        foreach (var other in new[]
                 {
                     row with { Category = FigureCategory.Injured }, row with { PartyClass = PartyClass.Unknown }, row with { Low = 0 },
                     row with { Best = 3 }, row with { High = 4 }, row with { Sources = ["a"] }, row with { BestSource = "b" },
                     row with { Disputed = true }, row with { Contested = true }, row with { Unquantified = 1 },
                 })
            row.Equals(other).Should().BeFalse(other.ToString());
        row.Equals(null).Should().BeFalse();
    }

    public static TheoryData<FigureValue> EveryKind => new()
    {
        new ExactValue(14), new AtLeastValue(14), new AtMostValue(20), new ApproximateValue(515), new RangeValue(950, 975),
        new UnquantifiedValue("numerous"),
    };

    [Theory, MemberData(nameof(EveryKind))]
    public void A_wording_is_checked_on_every_kind_and_named_as_its_own_field(FigureValue value)
    {
        (value with { Wording = "more than" }).Validate("v").Should().BeNull();
        (value with { Wording = new string('w', 40) }).Validate("v").Should().BeNull("40 characters is the limit");
        foreach (var (wording, message) in new[]
                 {
                     (new string('w', 41), "v.wording is longer than 40 characters (41)"),
                     ("  ", "v.wording is required"),
                     ("", "v.wording is required"),
                     ("over\0", "v.wording contains a control character (U+0000)"),
                 })
        {
            var error = (value with { Wording = wording }).Validate("v");
            error.Should().NotBeNull($"\"{wording}\" on {value}");
            (error!.Field, error.Message).Should().Be(("v.wording", message));
        }
    }

    [Fact]
    public void A_bad_number_is_named_before_a_bad_wording()
    {
        foreach (var v in new FigureValue[] { new ExactValue(-1), new AtLeastValue(-1), new AtMostValue(-1), new ApproximateValue(-1) })
            (v with { Wording = "" }).Validate("v")!.Field.Should().Be("v.value", v.GetType().Name);
        (new RangeValue(-1, 2) with { Wording = "" }).Validate("v")!.Field.Should().Be("v.low");
    }

    [Fact]
    public void A_wording_replaces_the_plain_words_of_a_bound_or_an_approximation()
    {
        (new AtLeastValue(20) with { Wording = "more than" }).ToString().Should().Be("more than 20");
        (new AtMostValue(550) with { Wording = "nearly" }).ToString().Should().Be("nearly 550");
        (new ApproximateValue(344) with { Wording = "some" }).ToString().Should().Be("some 344");
    }
}
