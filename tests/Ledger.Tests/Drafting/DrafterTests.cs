using Ledger.Drafting;
using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Tests.Drafting;

/// <summary>What the drafter reads in a sentence: values of every kind, the verb's category, the claim, the source, the
/// place, the date, and where the quote stands.</summary>
public sealed class DrafterTests
{
    private static readonly DateTimeOffset Published = new(2020, 6, 9, 8, 0, 0, TimeSpan.Zero); // a Tuesday

    private static DraftResult Draft(string text, string? source = "publisher") => Drafter.Draft(new DraftRequest(text, Published, Source: source));

    private static DraftFigure Only(string text) => Draft(text).Drafts.SelectMany(d => d.Figures).Should().ContainSingle().Subject;

    [Theory]
    [InlineData("At least 14 Syrian soldiers were killed in the attack.", "at least 14")]
    [InlineData("Between 10 and 14 soldiers were killed.", "10 to 14")]
    [InlineData("The clashes killed 950 to 975 fighters.", "950 to 975")]
    [InlineData("Nearly 550 people died.", "Nearly 550")]
    [InlineData("The strike killed an estimated 515 soldiers.", "an estimated 515")]
    [InlineData("Up to 20 civilians were killed.", "Up to 20")]
    [InlineData("ISIS fighters killed twenty-five soldiers.", "25")]
    [InlineData("The raid killed three hundred fighters.", "300")]
    [InlineData("It said it had killed \"numerous\" fighters.", "\"numerous\"")]
    [InlineData("مقتل ١٤ جنديا في هجوم على حافلة.", "14")]
    [InlineData("مقتل ثلاثة مدنيين في قصف.", "3")]
    [InlineData("وثق المرصد مقتل ما لا يقل عن 12 مدنيا.", "ما لا يقل عن 12")]
    public void Values_keep_their_kind_numbers_and_words(string text, string value) =>
        Only(text).Value.ToString().Should().Be(value);

    [Theory]
    [InlineData("ISIS killed and wounded 5 members of the SDF.", FigureCategory.KilledOrInjured)]
    [InlineData("The blast wounded 23 people.", FigureCategory.Injured)]
    [InlineData("US forces captured three ISIS officials.", FigureCategory.Captured)]
    [InlineData("Gunmen kidnapped four shepherds.", FigureCategory.Kidnapped)]
    [InlineData("أصيب ثلاثة أشخاص بجروح.", FigureCategory.Injured)]
    public void The_verb_gives_the_category(string text, FigureCategory category) => Only(text).Category.Should().Be(category);

    [Fact]
    public void Counts_of_attacks_strikes_and_years_are_never_figures()
    {
        var result = Draft("ISIS carried out 950 to 975 attacks in two years, killing 40 soldiers in 12 strikes.");
        result.Drafts.SelectMany(d => d.Figures).Should().ContainSingle().Which.Value.Should().Be(new ExactValue(40));
        result.Counts.Select(c => (c.Value.ToString(), c.Noun)).Should().Equal(("950 to 975", "attacks"), ("12", "strikes"));
        Draft("The group has been active for 20 years and holds 4,000 square kilometres.").Drafts.Should().BeEmpty();
    }

    [Fact]
    public void A_claim_is_claimed_and_a_report_is_reported_clause_by_clause()
    {
        Only("Twenty regime militia members were allegedly killed.").Certainty.Should().Be(Certainty.Claimed);
        Only("According to Amaq News Agency, the group's fighters killed 12 soldiers.").Should().Match<DraftFigure>(f => f.Certainty == Certainty.Claimed && f.Source == "amaq");
        var both = Draft("The PMF confirmed that 10 of its men were killed, and said that it had killed numerous ISIS fighters.").Drafts.Single().Figures;
        both.Select(f => f.Certainty).Should().Equal(Certainty.Reported, Certainty.Claimed);
    }

    [Fact]
    public void The_source_is_who_the_sentence_says_gives_the_figure_else_the_publisher()
    {
        Only("ISIS killed at least 11 soldiers, according to the Syrian Observatory for Human Rights.").Source.Should().Be("sohr");
        Only("ISIS fighters killed 10 members of the Popular Mobilisation Forces (PMF).").Source.Should().Be("publisher", "the PMF is the party hit, not the speaker");
    }

    [Fact]
    public void Parties_resolve_through_the_registry_and_the_nouns()
    {
        Only("ISIS fighters killed 10 members of the Popular Mobilisation Forces.").Should().Match<DraftFigure>(f => f.Party == "pmf" && f.PartyClass == PartyClass.StateForces);
        Only("Daesh killed nine Syrian troops and allied forces.").Party.Should().Be("syrian-army-and-allies");
        Only("The attack killed three people.").Should().Match<DraftFigure>(f => f.Party == "unknown" && f.PartyClass == PartyClass.Unknown);
        Only("قتل 20 عنصرا من قسد في الهجوم.").Party.Should().Be("sdf");
    }

    [Fact]
    public void The_quote_is_the_sentence_and_the_span_finds_it_in_the_text()
    {
        var text = "Some context first. At least 7 civilians were killed in Azaz on Tuesday. Nothing else.";
        var figure = Only(text);
        text[figure.Span.Start..figure.Span.End].Should().Be("At least 7 civilians were killed in Azaz on Tuesday.").And.Be(figure.Quote);
    }

    [Fact]
    public void Dates_are_absolute_or_read_from_the_publication_day()
    {
        DraftDate Date(string text) => Draft(text).Drafts.Single().Occurred;
        Date("Today ISIS killed 5 soldiers.").Should().Be(new DraftDate(new DateOnly(2020, 6, 9), DatePrecision.Day));
        Date("On Sunday ISIS killed 5 soldiers.").Should().Be(new DraftDate(new DateOnly(2020, 6, 7), DatePrecision.Day));
        Date("On May 2, ISIS fighters killed 10 soldiers.").Should().Be(new DraftDate(new DateOnly(2020, 5, 2), DatePrecision.Day));
        Date("In April 2019 ISIS killed 5 soldiers.").Should().Be(new DraftDate(new DateOnly(2019, 4, 1), DatePrecision.Month));
        var later = Draft("Daesh confirmed his death in August 2023. A month later, US forces captured three ISIS officials.");
        later.Drafts.Single().Occurred.Should().Be(new DraftDate(new DateOnly(2023, 9, 1), DatePrecision.Month));
    }

    [Fact]
    public void A_governorate_is_given_only_when_the_text_names_it()
    {
        Draft("ISIS killed 5 soldiers in rural Deir ez-Zor.").Drafts.Single().Location.Should().Be(new DraftLocation("SY", "sy09", null));
        Draft("ISIS killed 5 soldiers in the eastern desert of Syria.").Drafts.Single().Location.Admin1.Should().BeNull();
        Draft("ISIS killed 5 soldiers near the town of Haws in Syria.").Drafts.Single().Location.Place.Should().Be("Haws");
    }

    [Fact]
    public void A_text_with_no_figure_drafts_nothing_and_a_large_one_is_quick()
    {
        Draft("The weather in Damascus was mild today.").Drafts.Should().BeEmpty();
        Draft("").Drafts.Should().BeEmpty();
        var article = string.Concat(Enumerable.Repeat("On May 2, ISIS fighters killed 10 members of the Popular Mobilisation Forces in Salahaddin province. ", 100));
        article.Length.Should().BeGreaterThan(10_000);
        Draft(article).Drafts.Should().HaveCount(100);
    }
}
