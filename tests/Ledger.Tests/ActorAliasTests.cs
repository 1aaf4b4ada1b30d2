using Ledger.Actors;
using Ledger.Reconciliation;

namespace Ledger.Tests;

/// <summary>The names the press and monitors use for each actor, in English and Arabic, as the registry promises
/// them: every one resolves to its actor, and the registry holds no other. Written out by hand, so that a changed
/// or dropped name fails here (the mutation run found every alias string surviving).</summary>
public sealed class ActorAliasTests
{
    public static readonly TheoryData<string, string> Names = new()
    {
        { "Islamic State", "isis" }, { "داعش", "isis" }, { "ISIS", "isis" }, { "ISIL", "isis" }, { "IS", "isis" }, { "Daesh", "isis" },
        { "Daish", "isis" }, { "Islamic State of Iraq and Syria", "isis" }, { "Islamic State of Iraq and the Levant", "isis" },
        { "الدولة الإسلامية", "isis" }, { "تنظيم الدولة", "isis" }, { "تنظيم الدولة الإسلامية", "isis" }, { "ISIS cells", "isis" },
        { "Islamic State group", "isis" },
        { "Hay'at Tahrir al-Sham", "hts" }, { "هيئة تحرير الشام", "hts" }, { "HTS", "hts" }, { "Tahrir al-Sham", "hts" }, { "Hayat Tahrir al-Sham", "hts" },
        { "Syrian Democratic Forces", "sdf" }, { "قوات سوريا الديمقراطية", "sdf" }, { "SDF", "sdf" }, { "QSD", "sdf" }, { "قسد", "sdf" },
        { "Asayish", "asayish" }, { "الأسايش", "asayish" }, { "Asayish Forces", "asayish" }, { "Asayesh", "asayish" },
        { "Syrian National Army", "sna" }, { "الجيش الوطني السوري", "sna" }, { "SNA", "sna" },
        { "Hezbollah", "hezbollah" }, { "حزب الله", "hezbollah" }, { "Hizbullah", "hezbollah" }, { "Hizballah", "hezbollah" },
        { "Syrian Arab Army", "syrian-army" }, { "الجيش العربي السوري", "syrian-army" }, { "SAA", "syrian-army" }, { "Syrian Army", "syrian-army" },
        { "Syrian troops", "syrian-army" }, { "Syrian soldiers", "syrian-army" }, { "regime forces", "syrian-army" }, { "regime soldiers", "syrian-army" },
        { "الجيش السوري", "syrian-army" }, { "قوات النظام", "syrian-army" },
        { "Syrian army and allied forces", "syrian-army-and-allies" }, { "الجيش السوري والقوات الحليفة", "syrian-army-and-allies" },
        { "Syrian troops and allied forces", "syrian-army-and-allies" }, { "regime forces and allies", "syrian-army-and-allies" },
        { "pro-regime forces", "syrian-army-and-allies" },
        { "National Defence Forces", "ndf" }, { "قوات الدفاع الوطني", "ndf" }, { "NDF", "ndf" }, { "National Defense Forces", "ndf" },
        { "Pro-regime militias", "pro-regime-militias" }, { "الميليشيات الموالية للنظام", "pro-regime-militias" }, { "regime militias", "pro-regime-militias" },
        { "loyalist militias", "pro-regime-militias" }, { "pro-government militias", "pro-regime-militias" },
        { "Iranian-backed militias", "iranian-backed-militias" }, { "الميليشيات الموالية لإيران", "iranian-backed-militias" },
        { "Iran-backed militias", "iranian-backed-militias" }, { "Iranian militias", "iranian-backed-militias" }, { "pro-Iranian militias", "iranian-backed-militias" },
        { "Popular Mobilization Forces", "pmf" }, { "الحشد الشعبي", "pmf" }, { "PMF", "pmf" }, { "PMU", "pmf" }, { "Popular Mobilisation Forces", "pmf" },
        { "Popular Mobilization Units", "pmf" }, { "Hashd al-Shaabi", "pmf" }, { "Hashd", "pmf" },
        { "Iraqi Security Forces", "iraqi-security-forces" }, { "القوات الأمنية العراقية", "iraqi-security-forces" }, { "ISF", "iraqi-security-forces" },
        { "Iraqi army", "iraqi-security-forces" }, { "Iraqi forces", "iraqi-security-forces" }, { "الجيش العراقي", "iraqi-security-forces" },
        { "Peshmerga", "peshmerga" }, { "البيشمركة", "peshmerga" }, { "Kurdish Peshmerga", "peshmerga" },
        { "Russian forces", "russian-forces" }, { "القوات الروسية", "russian-forces" }, { "Russian army", "russian-forces" }, { "Russians", "russian-forces" },
        { "Russian special forces", "russian-forces" }, { "Russia", "russian-forces" },
        { "United States forces", "us-forces" }, { "القوات الأمريكية", "us-forces" }, { "US forces", "us-forces" }, { "US troops", "us-forces" },
        { "US marines", "us-forces" }, { "American forces", "us-forces" }, { "US army", "us-forces" }, { "United States", "us-forces" },
        { "US-led coalition", "coalition" }, { "التحالف الدولي", "coalition" }, { "Global Coalition", "coalition" }, { "international coalition", "coalition" },
        { "CJTF-OIR", "coalition" },
        { "Islamic Revolutionary Guard Corps", "irgc" }, { "الحرس الثوري الإيراني", "irgc" }, { "IRGC", "irgc" }, { "Revolutionary Guards", "irgc" },
        { "Pasdaran", "irgc" }, { "الحرس الثوري", "irgc" },
        { "Israel Defense Forces", "israel" }, { "إسرائيل", "israel" }, { "IDF", "israel" }, { "Israel", "israel" }, { "Israeli army", "israel" },
        { "Israeli forces", "israel" }, { "الجيش الإسرائيلي", "israel" },
        { "Turkish forces", "turkish-forces" }, { "القوات التركية", "turkish-forces" }, { "Turkish army", "turkish-forces" }, { "TAF", "turkish-forces" },
        { "Turkey", "turkish-forces" }, { "MIT", "turkish-forces" },
        { "Civilians", "civilians" }, { "مدنيون", "civilians" }, { "civilian", "civilians" }, { "residents", "civilians" }, { "shepherds", "civilians" },
        { "مدنيين", "civilians" }, { "المدنيين", "civilians" },
        { "Unknown", "unknown" }, { "مجهول", "unknown" }, { "unidentified", "unknown" }, { "unknown gunmen", "unknown" }, { "unknown attackers", "unknown" },
        { "مجهولون", "unknown" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_in_use_resolves_to_its_actor(string name, string actor) =>
        // Not through ?.: a name that resolves to nothing must fail here, not skip the assertion.
        (SeedActors.Index.Resolve(name)?.Id).Should().Be(actor, $"\"{name}\" names {actor}");

    [Fact]
    public void Every_name_of_the_registry_is_one_written_here()
    {
        var written = Names.Select(row => ((string)row[0]).ToLowerInvariant()).ToHashSet();
        var names = SeedActors.Index.All.SelectMany(a => a.Aliases.Append(a.Name).Append(a.NameAr!)).Select(n => n.ToLowerInvariant());
        names.Should().OnlyContain(n => written.Contains(n), "each name the registry accepts is promised here");
    }

    [Fact]
    public void Each_actor_has_its_english_and_arabic_name_and_party_class()
    {
        var expected = new Dictionary<string, (string Name, string NameAr, PartyClass Class)>
        {
            ["isis"] = ("Islamic State", "داعش", PartyClass.NonStateArmedGroups),
            ["hts"] = ("Hay'at Tahrir al-Sham", "هيئة تحرير الشام", PartyClass.NonStateArmedGroups),
            ["sdf"] = ("Syrian Democratic Forces", "قوات سوريا الديمقراطية", PartyClass.NonStateArmedGroups),
            ["asayish"] = ("Asayish", "الأسايش", PartyClass.NonStateArmedGroups),
            ["sna"] = ("Syrian National Army", "الجيش الوطني السوري", PartyClass.NonStateArmedGroups),
            ["hezbollah"] = ("Hezbollah", "حزب الله", PartyClass.NonStateArmedGroups),
            ["syrian-army"] = ("Syrian Arab Army", "الجيش العربي السوري", PartyClass.StateForces),
            ["syrian-army-and-allies"] = ("Syrian army and allied forces", "الجيش السوري والقوات الحليفة", PartyClass.StateForces),
            ["ndf"] = ("National Defence Forces", "قوات الدفاع الوطني", PartyClass.StateForces),
            ["pro-regime-militias"] = ("Pro-regime militias", "الميليشيات الموالية للنظام", PartyClass.StateForces),
            ["iranian-backed-militias"] = ("Iranian-backed militias", "الميليشيات الموالية لإيران", PartyClass.ForeignForces),
            ["pmf"] = ("Popular Mobilization Forces", "الحشد الشعبي", PartyClass.StateForces),
            ["iraqi-security-forces"] = ("Iraqi Security Forces", "القوات الأمنية العراقية", PartyClass.StateForces),
            ["peshmerga"] = ("Peshmerga", "البيشمركة", PartyClass.StateForces),
            ["russian-forces"] = ("Russian forces", "القوات الروسية", PartyClass.ForeignForces),
            ["us-forces"] = ("United States forces", "القوات الأمريكية", PartyClass.ForeignForces),
            ["coalition"] = ("US-led coalition", "التحالف الدولي", PartyClass.ForeignForces),
            ["irgc"] = ("Islamic Revolutionary Guard Corps", "الحرس الثوري الإيراني", PartyClass.ForeignForces),
            ["israel"] = ("Israel Defense Forces", "إسرائيل", PartyClass.ForeignForces),
            ["turkish-forces"] = ("Turkish forces", "القوات التركية", PartyClass.ForeignForces),
            ["civilians"] = ("Civilians", "مدنيون", PartyClass.Civilians),
            ["unknown"] = ("Unknown", "مجهول", PartyClass.Unknown),
        };
        SeedActors.Commands.Select(c => c.ActorId).Should().Equal(expected.Keys);
        foreach (var a in SeedActors.Index.All) (a.Name, a.NameAr, a.PartyClass).Should().Be(expected[a.Id!], a.Id);
    }
}
