using Ledger.Drafting;
using Ledger.Reconciliation;

namespace Ledger.Tests.Drafting;

/// <summary>What the drafter reads sentence by sentence: where a sentence ends, its title, the country carried from one
/// sentence to the next, quotation marks, and the perpetrator's outlet (cases from the Drafting mutation run's survivors).</summary>
public sealed class DraftSentenceTests
{
    private static readonly DateTimeOffset Published = new(2020, 6, 9, 8, 0, 0, TimeSpan.Zero);

    private static DraftResult Draft(string text) => Drafter.Draft(new DraftRequest(text, Published, Source: "publisher"));

    [Theory]
    [InlineData("Gunmen killed “numerous” soldiers.")]
    [InlineData("Gunmen killed \"numerous\" soldiers.")]
    [InlineData("Gunmen killed «numerous» soldiers.")]
    [InlineData("Gunmen killed ‘numerous’ soldiers.")]
    [InlineData("Gunmen killed „numerous“ soldiers.")]
    public void Quotation_marks_around_a_value_are_read_through(string text) =>
        Draft(text).Drafts.Should().ContainSingle().Which.Figures.Should().ContainSingle()
            .Which.Value.Should().BeOfType<UnquantifiedValue>();

    // The closing mark stands between the verb and its number: the rows above read the value before it and pass either way.
    [Theory]
    [InlineData("ISIS said it “killed” 14 soldiers.")]
    [InlineData("ISIS said it «killed» 14 soldiers.")]
    [InlineData("ISIS said it \"killed\" 14 soldiers.")]
    public void A_verb_in_quotation_marks_still_reaches_its_number(string text) =>
        Draft(text).Drafts.Should().ContainSingle().Which.Figures.Should().ContainSingle()
            .Which.Value.Should().Be(new ExactValue(14));

    [Fact]
    public void A_sentence_ends_at_a_full_stop_before_a_closing_quote()
    {
        var drafts = Draft("ISIS said: \"We killed 3 soldiers.\" The army said 2 civilians were killed.").Drafts;
        drafts.Should().HaveCount(2);
        drafts[0].Title.Should().Be("ISIS said: \"We killed 3 soldiers.\"");
        drafts[1].Title.Should().Be("The army said 2 civilians were killed.");
    }

    [Fact]
    public void A_title_is_the_sentence_up_to_140_characters()
    {
        var exact = "Gunmen killed 3 soldiers " + new string('x', 140 - 26) + ".";
        exact.Length.Should().Be(140);
        Draft(exact).Drafts.Single().Title.Should().Be(exact);
        var longer = "Gunmen killed 3 soldiers " + new string('x', 200) + ".";
        var title = Draft(longer).Drafts.Single().Title;
        title.Should().EndWith("…").And.HaveLength(140);
        longer.Should().StartWith(title[..^1]);
    }

    [Fact]
    public void A_sentence_that_names_no_country_is_in_the_one_named_last()
    {
        var drafts = Draft("ISIS killed 3 soldiers in Iraq. ISIS killed 2 soldiers. ISIS killed 4 soldiers in Raqqa. ISIS killed 5 soldiers.").Drafts;
        drafts.Select(d => d.Location.Country).Should().Equal("IQ", "IQ", "SY", "SY");
    }

    [Fact]
    public void A_figure_amaq_gives_is_claimed_even_outside_the_claim_clause() =>
        Draft("3 soldiers were killed; Amaq reported.").Drafts.Single().Figures.Single()
            .Should().Match<DraftFigure>(f => f.Source == "amaq" && f.Certainty == Certainty.Claimed);

    [Fact]
    public void A_text_with_as_many_arabic_as_latin_letters_is_english() =>
        Draft("ab قت 3").Language.Should().Be("en");
}
