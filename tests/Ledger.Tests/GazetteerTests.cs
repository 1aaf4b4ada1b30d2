using Ledger.Regions;

namespace Ledger.Tests;

public sealed class GazetteerTests
{
    [Fact]
    public void Ships_syrias_14_and_iraqs_18_governorates_under_their_lower_case_p_codes()
    {
        var admin1 = Gazetteer.Regions.Where(r => r.Level == RegionLevel.Admin1).ToList();
        admin1.Where(r => r.Country == "SY").Select(r => r.RegionId).Should().Equal(Enumerable.Range(1, 14).Select(i => $"sy{i:00}"));
        admin1.Where(r => r.Country == "IQ").Select(r => r.RegionId).Should().Equal(Enumerable.Range(1, 18).Select(i => $"iqg{i:00}"));
        admin1.Should().OnlyContain(r => Slug.IsValid(r.RegionId) && r.ParentId == r.Country.ToLowerInvariant());
    }

    [Theory]
    [InlineData("sy09", "sy09")]
    [InlineData("SY09", "sy09")]
    [InlineData("Deir-ez-Zor", "sy09")]
    [InlineData("Deir ez Zor", "sy09")]
    [InlineData("Deir Ezzor", "sy09")]
    [InlineData("DEIR EZZOR", "sy09")]
    [InlineData("Dayr az Zawr", "sy09")]
    [InlineData("deir ez-zor", "sy09")]
    [InlineData("Ar-Raqqa", "sy10")]
    [InlineData("Raqqa", "sy10")]
    [InlineData("Al-Raqqah", "sy10")]
    [InlineData("Al-Hasakeh", "sy08")]
    [InlineData("Hasakah", "sy08")]
    [InlineData("Hassakeh", "sy08")]
    [InlineData("Al-Hasakah", "sy08")]
    [InlineData("As-Sweida", "sy11")]
    [InlineData("Suwayda", "sy11")]
    [InlineData("Al-Suwaidaa", "sy11")]
    [InlineData("Suwaidda", "sy11")]
    [InlineData("Homs", "sy04")]
    [InlineData("Daraa", "sy12")]
    [InlineData("Damascus", "sy01")]
    [InlineData("Rural Damascus", "sy03")]
    [InlineData("Salah Al-Din", "iqg16")]
    [InlineData("Salahaddin", "iqg16")]
    [InlineData("Saladin", "iqg16")]
    [InlineData("salah ad-din", "iqg16")]
    [InlineData("Al-Anbar", "iqg01")]
    [InlineData("Wassit", "iqg18")]
    [InlineData("Nineveh", "iqg15")]
    [InlineData("Dhi Qar", "iqg17")]
    public void Resolves_ids_names_and_aliases_in_any_case(string text, string id) =>
        Gazetteer.Index.Resolve(text)!.RegionId.Should().Be(id);

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Deir")]
    public void Unknown_names_resolve_to_nothing(string? text) => Gazetteer.Index.Resolve(text).Should().BeNull();

    [Fact]
    public void A_name_that_another_region_holds_is_refused()
    {
        var index = new RegionIndex(Gazetteer.Regions);
        var clash = new RegionDefined("badiya", "Badiya", "SY", RegionLevel.Area, "sy", ["Raqqa"], ["sy04", "sy09"]);
        FluentActions.Invoking(() => index.Add(clash)).Should().Throw<ArgumentException>().WithMessage("*sy10*");
        index.Add(clash with { Aliases = ["Syrian Desert", "Badiya al-Sham", "Badiye"] });
        index.Resolve("badiye")!.RegionId.Should().Be("badiya");
    }
}
