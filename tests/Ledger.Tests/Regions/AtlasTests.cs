using System.Text;
using Ledger.Regions;

namespace Ledger.Tests.Regions;

/// <summary>The world's countries and first-level divisions come from Debian's iso-codes (what the ledger assumes of
/// its files is pinned here), under the gazetteer's own Syrian and Iraqi regions.</summary>
public sealed class AtlasTests
{
    private static readonly IReadOnlyList<RegionDefined> Atlas = IsoCodes.Load(IsoCodes.DefaultJsonDirectory, IsoCodes.DefaultLocaleDirectory);
    private static RegionIndex World() => new(Gazetteer.Regions, Atlas);

    [Fact]
    public void The_atlas_holds_every_country_and_only_first_level_divisions()
    {
        Atlas.Count(r => r.Level == RegionLevel.Country).Should().BeGreaterThan(240);
        Atlas.Should().Contain(r => r.RegionId == "ye-ad" && r.Country == "YE" && r.Level == RegionLevel.Admin1 && r.ParentId == "ye" && r.IsoCode == "YE-AD");
        Atlas.Should().NotContain(r => r.IsoCode == "FR-70", "a division with a parent is not first-level");
        Atlas.Select(r => r.RegionId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Countries_have_their_Arabic_names_from_the_translations()
    {
        Atlas.Single(r => r.RegionId == "ye").NameAr.Should().Be("اليمن");
        Atlas.Single(r => r.RegionId == "sd").Aliases.Should().Contain(["SDN", "Republic of the Sudan"]);
    }

    [Fact]
    public void Without_the_package_the_atlas_is_empty_and_the_gazetteer_still_stands() =>
        new RegionIndex(Gazetteer.Regions, IsoCodes.Load("/nonexistent", "/nonexistent")).Resolve("Raqqa")!.RegionId.Should().Be("sy11");

    [Theory]
    [InlineData("Yemen", "YE")]
    [InlineData("ye", "YE")]
    [InlineData("YEM", "YE")]
    [InlineData("اليمن", "YE")]
    [InlineData("Syria", "SY")]
    [InlineData("SY", "SY")]
    [InlineData("sudan", "SD")]
    public void A_country_resolves_by_code_or_name(string name, string code) => World().Country(name)!.Country.Should().Be(code);

    [Theory]
    [InlineData("ZZ")]
    [InlineData("QQ")]
    [InlineData("Atlantis")]
    public void What_is_no_country_resolves_to_none(string name) => World().Country(name).Should().BeNull();

    [Fact]
    public void The_gazetteer_hides_its_atlas_twins()
    {
        var world = World();
        world.Resolve("SY-DY")!.RegionId.Should().Be("sy09", "OCHA's p-code is the id of a Syrian governorate");
        world.Resolve("sy-dy")!.RegionId.Should().Be("sy09");
        world.All.Should().NotContain(r => r.RegionId == "sy-dy");
    }

    [Fact]
    public void A_name_several_countries_share_resolves_only_within_a_country()
    {
        var world = World();
        var shared = Atlas.Where(r => r.Level == RegionLevel.Admin1).GroupBy(r => NameKey.Of(r.Name)).First(g => g.Select(r => r.Country).Distinct().Count() > 1);
        world.Resolve(shared.First().Name).Should().BeNull("\"" + shared.Key + "\" names divisions in several countries");
        var one = shared.First();
        world.Resolve(one.Name, one.Country)!.RegionId.Should().Be(one.RegionId);
    }

    [Fact]
    public void Transliterated_names_meet_their_plain_spelling()
    {
        World().Resolve("Adan", "YE")!.RegionId.Should().Be("ye-ad");
        World().Resolve("al hudaydah", "YE")!.RegionId.Should().Be("ye-hu");
        World().Resolve("Taizz", "YE")!.RegionId.Should().Be("ye-ta");
    }

    [Fact]
    public void A_region_the_ledger_holds_wins_over_the_atlas_and_hides_its_twin()
    {
        var world = World();
        var aden = world.Resolve("ye-ad")!;
        world.Holds("ye-ad").Should().BeFalse();
        world.Add(aden with { Aliases = ["Aden", "عدن"] });
        world.Holds("ye-ad").Should().BeTrue();
        world.Resolve("عدن")!.RegionId.Should().Be("ye-ad");
        world.Resolve("Aden", "SY").Should().NotBeNull("a name the ledger holds is one region, whatever the country asked");
    }

    [Fact]
    public void A_catalogue_is_read_in_either_byte_order()
    {
        foreach (var little in new[] { true, false })
            MoCatalog.Read(Mo(little, ("", "header"), ("Yemen", "اليمن"), ("Iraq", "العراق")))
                .Should().BeEquivalentTo(new Dictionary<string, string> { ["Yemen"] = "اليمن", ["Iraq"] = "العراق" });
        FluentActions.Invoking(() => MoCatalog.Read(new byte[40])).Should().Throw<InvalidDataException>();
    }

    /// <summary>A .mo file as GNU msgfmt writes one: header, the two tables, then the strings.</summary>
    private static byte[] Mo(bool little, params (string Id, string Text)[] entries)
    {
        var strings = new MemoryStream();
        var table = new List<(int Length, int Offset)>();
        var headerSize = 28 + 16 * entries.Length;
        foreach (var text in entries.Select(e => e.Id).Concat(entries.Select(e => e.Text)))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            table.Add((bytes.Length, headerSize + (int)strings.Length));
            strings.Write(bytes);
            strings.WriteByte(0);
        }
        var output = new List<byte>();
        void Word(uint w)
        {
            var b = BitConverter.GetBytes(w);
            if (BitConverter.IsLittleEndian != little) Array.Reverse(b);
            output.AddRange(b);
        }
        Word(0x950412de); Word(0); Word((uint)entries.Length); Word(28); Word((uint)(28 + 8 * entries.Length)); Word(0); Word(0);
        foreach (var (length, offset) in table) { Word((uint)length); Word((uint)offset); }
        output.AddRange(strings.ToArray());
        return [.. output];
    }
}
