using Ledger.Actors;
using Ledger.Drafting;
using Ledger.Regions;

namespace Ledger.Tests.Drafting;

/// <summary>Drafting knows every country and division the ledger knows, and guesses no country a text does not name.</summary>
public sealed class DraftPlaceTests
{
    private static readonly DraftVocabulary World = new(new RegionIndex(Gazetteer.Regions, IsoCodes.Atlas), SeedActors.Index);
    private static readonly DateTimeOffset Published = new(2024, 6, 6, 0, 0, 0, TimeSpan.Zero);

    private static DraftLocation Location(string text, DraftVocabulary? vocabulary = null) =>
        Drafter.Draft(new DraftRequest(text, Published), vocabulary ?? World).Drafts.Single().Location;

    [Fact]
    public void A_text_that_names_no_country_leaves_it_empty() =>
        Location("A bomb killed 4 people at a market, police said.").Country.Should().BeNull();

    [Theory]
    [InlineData("Shelling killed 5 civilians in Yemen, a medic said.", "YE")]
    [InlineData("Shelling killed 5 civilians in Sudan, a medic said.", "SD")]
    [InlineData("A Yemeni medic said shelling killed 5 civilians.", "YE")]
    [InlineData("قتل 5 مدنيين في قصف على اليمن", "YE")]
    [InlineData("An air strike killed 3 soldiers in Iraq.", "IQ")]
    public void Any_country_is_recognised_by_its_name(string text, string country) => Location(text).Country.Should().Be(country);

    [Fact]
    public void A_division_of_the_atlas_is_recognised_within_the_country_the_text_names()
    {
        var location = Location("Shelling killed 5 civilians in Taizz, Yemen, a medic said.");
        (location.Country, location.Admin1).Should().Be(("YE", "ye-ta"));
    }

    [Fact]
    public void A_division_taught_a_name_by_event_is_recognised_by_it()
    {
        var regions = new RegionIndex(Gazetteer.Regions, IsoCodes.Atlas);
        regions.Add(regions.Resolve("ye-ad")! with { Aliases = ["Aden"] });
        var location = Location("Shelling killed 5 civilians in Aden on Tuesday.", World with { Regions = regions });
        (location.Country, location.Admin1).Should().Be(("YE", "ye-ad"));
    }

    [Fact]
    public void An_actor_registered_a_moment_ago_is_a_party_of_the_next_draft()
    {
        var houthis = new ActorState { Id = "ansar-allah", Name = "Ansar Allah", Aliases = ["Houthis"], PartyClass = Reconciliation.PartyClass.NonStateArmedGroups };
        var vocabulary = World with { Actors = new ActorIndex(SeedActors.Index.All.Append(houthis)) };
        var draft = Drafter.Draft(new DraftRequest("Shelling by the Houthis killed 5 civilians in Yemen.", Published), vocabulary).Drafts.Single();
        draft.Perpetrator.Should().Be("ansar-allah");
    }
}
