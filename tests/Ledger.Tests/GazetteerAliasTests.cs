using Ledger.Regions;

namespace Ledger.Tests;

/// <summary>Every spelling the gazetteer ships resolves to the region that lists it: none is empty, none is
/// taken by two regions, and each region's own name, Arabic name and ISO code lead back to it.</summary>
public sealed class GazetteerAliasTests
{
    public static TheoryData<string> RegionIds() => [.. Gazetteer.Regions.Select(r => r.RegionId)];

    [Theory]
    [MemberData(nameof(RegionIds))]
    public void Every_spelling_of_a_region_leads_back_to_it(string id)
    {
        var region = Gazetteer.Regions.Single(r => r.RegionId == id);
        foreach (var spelling in region.Aliases.Append(region.Name).Append(region.NameAr!).Append(region.IsoCode!).Append(region.RegionId))
        {
            spelling.Should().NotBeNullOrWhiteSpace(id);
            Gazetteer.Index.Resolve(spelling)!.RegionId.Should().Be(id, $"\"{spelling}\" is listed for {id}");
            Gazetteer.Index.Resolve(spelling.ToUpperInvariant())!.RegionId.Should().Be(id, $"\"{spelling}\" in capitals");
        }
    }
}
