using System.Text.Json;

namespace Ledger.Regions;

/// <summary>
/// The world's countries (ISO 3166-1) and first-level divisions (ISO 3166-2 entries without a parent) from Debian's
/// <c>iso-codes</c> package, with Arabic names from its translations where they exist (countries have them; iso-codes
/// has no Arabic catalogue of divisions). A country's id is its alpha-2 code in lower case ("ye"), a division's its
/// ISO code in lower case ("ye-ad"). The package is read where Debian installs it (<c>apt-get install iso-codes</c>);
/// <see cref="Load"/> answers an empty atlas where it is missing, and the ledger then knows only the regions it holds.
/// </summary>
public static class IsoCodes
{
    public const string DefaultJsonDirectory = "/usr/share/iso-codes/json";
    public const string DefaultLocaleDirectory = "/usr/share/locale";

    private static readonly Lazy<IReadOnlyList<RegionDefined>> Installed = new(() => Load(
        Environment.GetEnvironmentVariable("LEDGER_ISO_CODES") ?? DefaultJsonDirectory, DefaultLocaleDirectory));

    /// <summary>The atlas of this machine's iso-codes package, read once.</summary>
    public static IReadOnlyList<RegionDefined> Atlas => Installed.Value;

    private static readonly Lazy<RegionIndex> Base = new(() => new RegionIndex(Gazetteer.Regions, Atlas));

    /// <summary>The gazetteer over the atlas, before any region the ledger defined by event: names of ids for reads
    /// that have no directory at hand. Never added to (a directory's index is its own).</summary>
    public static RegionIndex Index => Base.Value;

    public static IReadOnlyList<RegionDefined> Load(string jsonDirectory, string localeDirectory)
    {
        var countriesFile = Path.Combine(jsonDirectory, "iso_3166-1.json");
        var divisionsFile = Path.Combine(jsonDirectory, "iso_3166-2.json");
        if (!File.Exists(countriesFile) || !File.Exists(divisionsFile)) return [];
        var arCountries = Catalogue(localeDirectory, "iso_3166-1");
        var arDivisions = Catalogue(localeDirectory, "iso_3166-2");
        var atlas = new List<RegionDefined>();
        foreach (var c in Entries(countriesFile, "3166-1"))
        {
            var code = c["alpha_2"];
            var name = c.GetValueOrDefault("common_name") ?? c["name"];
            var aliases = new[] { c["name"], c.GetValueOrDefault("official_name"), c.GetValueOrDefault("alpha_3") }
                .OfType<string>().Where(a => a != name).Distinct().ToList();
            atlas.Add(new RegionDefined(code.ToLowerInvariant(), name, code, RegionLevel.Country, null, aliases, [],
                arCountries.GetValueOrDefault(name) ?? arCountries.GetValueOrDefault(c["name"]), code));
        }
        foreach (var d in Entries(divisionsFile, "3166-2").Where(d => !d.ContainsKey("parent")))
        {
            var code = d["code"];
            atlas.Add(new RegionDefined(code.ToLowerInvariant(), d["name"], code[..2], RegionLevel.Admin1, code[..2].ToLowerInvariant(),
                [], [], arDivisions.GetValueOrDefault(d["name"]), code));
        }
        return atlas;
    }

    private static IEnumerable<Dictionary<string, string>> Entries(string file, string key)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        return doc.RootElement.GetProperty(key).EnumerateArray()
            .Select(e => e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal))
            .ToList();
    }

    private static IReadOnlyDictionary<string, string> Catalogue(string localeDirectory, string domain)
    {
        var file = Path.Combine(localeDirectory, "ar", "LC_MESSAGES", domain + ".mo");
        return File.Exists(file) ? MoCatalog.Read(File.ReadAllBytes(file)) : new Dictionary<string, string>();
    }
}
