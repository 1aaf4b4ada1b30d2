using Ledger.Regions;

namespace Ledger.Tests.Regions;

/// <summary>An editor teaches a region a name by event; a division of the atlas enters the log with its first name.</summary>
public sealed class RegionAliasTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RegionDefined Aden = new("ye-ad", "‘Adan", "YE", RegionLevel.Admin1, "ye", [], [], null, "YE-AD");

    private static RegionState Fold(params IRegionEvent[] events) =>
        events.Aggregate(RegionState.Initial, (s, e) => s.Apply(e, new EventContext(1, 1, Now, "editor")));

    [Fact]
    public void A_division_of_the_atlas_is_defined_with_its_first_alias_in_one_decision()
    {
        var decision = RegionDecider.Decide(new AddRegionAlias("عدن", false, "the Arabic name", Aden), RegionState.Initial, Now);
        decision.Error.Should().BeNull();
        decision.Events.Should().HaveCount(2);
        decision.Events[0].Should().BeOfType<RegionDefined>().Which.RegionId.Should().Be("ye-ad");
        decision.Events[1].Should().Be(new RegionAliasAdded("ye-ad", "عدن", false, "the Arabic name"));
        Fold([.. decision.Events]).Definition!.Aliases.Should().Equal("عدن");
    }

    [Fact]
    public void A_p_code_is_kept_as_a_p_code_and_resolves_as_an_alias()
    {
        var state = Fold(Aden, new RegionAliasAdded("ye-ad", "YE24", true, "OCHA"));
        state.PCodes.Should().Equal("YE24");
        new RegionIndex([state.Definition!]).Resolve("ye24")!.RegionId.Should().Be("ye-ad");
    }

    [Theory]
    [InlineData("", "alias")]
    [InlineData("---", "alias")]
    [InlineData("Adan", "alias")]
    [InlineData("عدن", "alias")]
    public void A_name_it_has_or_no_name_is_refused(string alias, string field)
    {
        var state = Fold(Aden, new RegionAliasAdded("ye-ad", "عدن", false, "x"));
        RegionDecider.Decide(new AddRegionAlias(alias, false, "why"), state, Now).Error!.Field.Should().Be(field);
    }

    [Fact]
    public void Without_a_reason_or_for_no_region_nothing_is_decided()
    {
        RegionDecider.Decide(new AddRegionAlias("Aden", false, ""), Fold(Aden), Now).Error!.Field.Should().Be("reason");
        RegionDecider.Decide(new AddRegionAlias("Aden", false, "x"), RegionState.Initial, Now).Error!.Code.Should().Be("region-not-found");
        RegionDecider.Decide(new AddRegionAlias("not a p-code", true, "x"), Fold(Aden), Now).Error!.Field.Should().Be("alias");
    }
}
