using Ledger.Drafting;
using Ledger.Reconciliation;

namespace Ledger.Tests.Drafting;

/// <summary>How the drafter reads a figure's value and finds its verb, rule by rule: each rule of
/// <c>Drafter.Values.cs</c> and each edge of its windows has a case of its own (the cases come from the survivors of
/// the mutation run over Drafting, where a rule could change and no test noticed).</summary>
public sealed class DraftValueTests
{
    private static readonly DateTimeOffset Published = new(2020, 6, 9, 8, 0, 0, TimeSpan.Zero);

    private static List<DraftFigure> Figures(string text) =>
        Drafter.Draft(new DraftRequest(text, Published, Source: "publisher")).Drafts.SelectMany(d => d.Figures).ToList();

    /// <summary>Each figure as "category value party/class", the way a coder reads the draft.</summary>
    private static string Read(string text) =>
        string.Join(" | ", Figures(text).Select(f => $"{f.Category} {Value(f.Value)} {f.Party}/{f.PartyClass}"));

    private static string Value(FigureValue v) => v switch
    {
        ExactValue e => e.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AtLeastValue a => $">={a.Value}",
        RangeValue r => $"{r.Low}-{r.High}",
        UnquantifiedValue => "?",
        _ => v.ToString()!,
    };

    [Theory]
    [InlineData("Gunmen killed Daesh official Abu Omar.", "Killed 1 isis/NonStateArmedGroups")]
    [InlineData("Gunmen killed a senior Daesh field commander.", "Killed 1 isis/NonStateArmedGroups")]
    [InlineData("Gunmen killed an elderly ISIS field commander.", "Killed 1 isis/NonStateArmedGroups")]
    [InlineData("Gunmen killed a commander", "Killed 1 unknown/Unknown")]
    [InlineData("Gunmen killed a well known local tribal leader.", "")]
    [InlineData("Gunmen killed a", "")]
    [InlineData("The strike killed a family, the commander said.", "")]
    public void One_person_is_a_singular_noun_within_four_words_of_the_verb(string text, string figures) =>
        Read(text).Should().Be(figures);

    [Theory]
    [InlineData("14 Syrian soldiers were killed.", "Killed 14 syrian-army/StateForces")]
    [InlineData("He said 3 men from the old quarter of the city were killed.", "Killed 3 unknown/Unknown")]
    [InlineData("He said 3 men from the old quarter of the city nearby were killed.", "")]
    [InlineData("The group held 3 meetings, officials were killed.", "")]
    [InlineData("The group held 3 meetings; officials were killed.", "")]
    [InlineData("The group held 3 meetings: officials were killed.", "")]
    [InlineData("The group held 3 meetings.officials were killed.", "")]
    [InlineData("عقدت المجموعة 3 اجتماعات، قتلى", "")]
    [InlineData("عقدت المجموعة 3 اجتماعات؛ قتلى", "")]
    [InlineData("Gunmen killed 3 soldiers", "Killed 3 unknown/StateForces")]
    [InlineData("The attack killed 3", "Killed 3 unknown/Unknown")]
    public void The_verb_after_a_number_is_within_ten_words_of_its_clause(string text, string figures) =>
        Read(text).Should().Be(figures);

    [Theory]
    [InlineData("He said 3 men and 4 women were killed.", "Killed 3 unknown/Unknown | Killed 4 civilians/Civilians")]
    [InlineData("He said 3 men and 4 women and 5 children were killed.",
        "Killed 3 unknown/Unknown | Killed 4 civilians/Civilians | Killed 5 civilians/Civilians")]
    [InlineData("The toll was 229: 93 civilians and 136 fighters were killed.",
        "Killed 93 civilians/Civilians | Killed 136 unknown/NonStateArmedGroups")]
    [InlineData("3 Syrian soldiers and 4 civilians were killed.", "Killed 3 syrian-army/StateForces | Killed 4 civilians/Civilians")]
    [InlineData("ISIS killed 3 soldiers and 4 policemen.", "Killed 3 unknown/StateForces | Killed 4 unknown/StateForces")]
    [InlineData("قتل 3 جنود و4 مدنيين.", "Killed 3 syrian-army/StateForces | Killed 4 civilians/Civilians")]
    public void A_list_of_numbers_shares_its_verb_before_or_after_it(string text, string figures) =>
        Read(text).Should().Be(figures);

    [Theory]
    [InlineData("Numerous civilians and soldiers were killed.", "Killed ? civilians/Civilians | Killed ? unknown/StateForces")]
    [InlineData("Gunmen killed numerous Syrian civilians and soldiers.", "Killed ? civilians/Civilians | Killed ? syrian-army/StateForces")]
    [InlineData("Numerous people and others were killed.", "Killed ? unknown/Unknown")]
    public void An_unknown_number_of_a_list_of_parties_is_a_figure_for_each(string text, string figures) =>
        Read(text).Should().Be(figures);

    [Theory]
    [InlineData("اختطف مسلحون مجهولون أربعة رعاة في ريف حماة.", "Kidnapped 4 civilians/Civilians")]
    [InlineData("اختطف مسلحون مجهولون ملثمون أربعة رعاة في ريف حماة.", "Kidnapped 4 civilians/Civilians")]
    [InlineData("اختطف مسلحون مجهولون ملثمون آخرون أربعة رعاة في ريف حماة.", "")]
    // English puts the verb right before the number, or after its party: a verb further back is another clause's.
    [InlineData("Gunmen killed civilians near 3 schools.", "")]
    public void In_arabic_the_verb_may_come_first_with_up_to_three_words_of_subject(string text, string figures) =>
        Read(text).Should().Be(figures);

    [Theory]
    [InlineData("The number of people killed in these attacks reached 229.", "Killed 229 unknown/Unknown")]
    [InlineData("The number of people killed in these attacks has risen to 229.", "Killed 229 unknown/Unknown")]
    [InlineData("Casualties in the attacks reached 229.", "KilledOrInjured 229 unknown/Unknown")]
    [InlineData("The figure reached 229.", "")]
    [InlineData("Gunmen who killed a guard stole 3 cars.", "")]
    [InlineData("Two soldiers were killed; the count reached 229.", "Killed 2 unknown/StateForces")]
    [InlineData("Two soldiers were killed.The count reached 229.", "Killed 2 unknown/StateForces")]
    public void A_running_total_takes_the_verb_earlier_in_its_clause(string text, string figures) =>
        Read(text).Should().Be(figures);

    [Theory]
    [InlineData("ISIS killed 10 soldiers, including 2 Russians and 3 Iranians.",
        "Killed 10 unknown/StateForces | Killed 2 russian-forces/ForeignForces | Killed 3 unknown/Unknown")]
    [InlineData("Of whom 3 soldiers were killed.", "")]
    [InlineData("• 484 ISIS members, including 83 killed.", "Killed 484 isis/NonStateArmedGroups")]
    [InlineData("• 484 ISIS members", "")]
    [InlineData("Officially 3 members of the group were killed.", "Killed 3 unknown/Unknown")]
    public void A_sub_count_and_a_number_that_opens_the_sentence(string text, string figures) =>
        Read(text).Should().Be(figures);

    [Theory]
    [InlineData("The chief, his deputy and two others were killed.", 4)]
    [InlineData("The chief and his deputy and two others were killed.", 4)]
    [InlineData("Homs, army said: the chief, his deputy and two others were killed.", 4)]
    // One name before "and two others" may not be a person: the number is kept as written.
    [InlineData("The chief and two others were killed.", 2)]
    public void Two_others_add_the_people_listed_before_them(string text, int killed) =>
        Figures(text).Should().ContainSingle().Which.Value.Should().Be(new ExactValue(killed));

    [Theory]
    [InlineData("The attack killed twenty", "Killed 20 unknown/Unknown")]
    [InlineData("The attack killed twenty five soldiers.", "Killed 25 unknown/StateForces")]
    [InlineData("The attack killed three hundred thousand soldiers.", "Killed 300000 unknown/StateForces")]
    [InlineData("The attack killed two thousand five hundred soldiers.", "Killed 2500 unknown/StateForces")]
    [InlineData("The attack killed twenty-odd soldiers.", "")]
    [InlineData("The army killed at least", "")]
    public void Numbers_in_words(string text, string figures) => Read(text).Should().Be(figures);

    [Theory]
    [InlineData("Gunmen killed 1899 soldiers.", "Killed 1899 unknown/StateForces")]
    [InlineData("Gunmen killed 1900 soldiers.", "")]
    [InlineData("Gunmen killed 2100 soldiers.", "")]
    [InlineData("Gunmen killed 2101 soldiers.", "Killed 2101 unknown/StateForces")]
    [InlineData("The army said on January 9 soldiers were killed.", "")]
    [InlineData("في 9 تشرين الأول قتل ثلاثة جنود.", "Killed 3 syrian-army/StateForces")]
    public void A_year_or_a_day_of_a_month_is_no_figure(string text, string figures) => Read(text).Should().Be(figures);

    [Theory]
    [InlineData("Gunmen killed 3 (Syrian) soldiers.")]
    [InlineData("Gunmen killed 3 - Syrian soldiers.")]
    [InlineData("Gunmen killed 3 ' Syrian soldiers.")]
    [InlineData("Gunmen killed 3 ’ Syrian soldiers.")]
    public void Brackets_dashes_and_apostrophes_do_not_end_a_party(string text) =>
        Read(text).Should().Be("Killed 3 syrian-army/StateForces");
}
