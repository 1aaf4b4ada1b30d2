using Ledger.Reconciliation;

namespace Ledger.Actors;

/// <summary>
/// The actors the ledger knows, with the names the press and monitors use for them in English and Arabic. Parties
/// of figures and perpetrators of incidents are stored by id, whatever name a request gave; an unknown name is
/// refused, naming the ids allowed, so that "Daesh", "ISIL" and "داعش" never become three actors that no filter joins.
/// </summary>
public static class ActorRegistry
{
    private static Actor A(string id, string name, string nameAr, PartyClass partyClass, params string[] aliases) =>
        new(id, name, nameAr, partyClass, aliases);

    public static readonly Vocabulary<Actor> Actors = new(
    [
        A("isis", "Islamic State", "داعش", PartyClass.NonStateArmedGroups,
            "ISIS", "ISIL", "IS", "Daesh", "Daish", "Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant",
            "الدولة الإسلامية", "تنظيم الدولة", "تنظيم الدولة الإسلامية", "ISIS cells", "Islamic State group"),
        A("hts", "Hay'at Tahrir al-Sham", "هيئة تحرير الشام", PartyClass.NonStateArmedGroups, "HTS", "Tahrir al-Sham", "Hayat Tahrir al-Sham"),
        A("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", PartyClass.NonStateArmedGroups, "SDF", "QSD", "قسد"),
        A("asayish", "Asayish", "الأسايش", PartyClass.NonStateArmedGroups, "Asayish Forces", "Asayesh"),
        A("sna", "Syrian National Army", "الجيش الوطني السوري", PartyClass.NonStateArmedGroups, "SNA"),
        A("hezbollah", "Hezbollah", "حزب الله", PartyClass.NonStateArmedGroups, "Hizbullah", "Hizballah"),
        A("syrian-army", "Syrian Arab Army", "الجيش العربي السوري", PartyClass.StateForces,
            "SAA", "Syrian Army", "Syrian troops", "Syrian soldiers", "regime forces", "regime soldiers", "الجيش السوري", "قوات النظام"),
        A("syrian-army-and-allies", "Syrian army and allied forces", "الجيش السوري والقوات الحليفة", PartyClass.StateForces,
            "Syrian troops and allied forces", "regime forces and allies", "pro-regime forces"),
        A("ndf", "National Defence Forces", "قوات الدفاع الوطني", PartyClass.StateForces, "NDF", "National Defense Forces"),
        A("pro-regime-militias", "Pro-regime militias", "الميليشيات الموالية للنظام", PartyClass.StateForces,
            "regime militias", "loyalist militias", "pro-government militias"),
        A("iranian-backed-militias", "Iranian-backed militias", "الميليشيات الموالية لإيران", PartyClass.ForeignForces,
            "Iran-backed militias", "Iranian militias", "pro-Iranian militias"),
        A("pmf", "Popular Mobilization Forces", "الحشد الشعبي", PartyClass.StateForces,
            "PMF", "PMU", "Popular Mobilisation Forces", "Popular Mobilization Units", "Hashd al-Shaabi", "Hashd"),
        A("iraqi-security-forces", "Iraqi Security Forces", "القوات الأمنية العراقية", PartyClass.StateForces, "ISF", "Iraqi army", "Iraqi forces", "الجيش العراقي"),
        A("peshmerga", "Peshmerga", "البيشمركة", PartyClass.StateForces, "Kurdish Peshmerga"),
        A("russian-forces", "Russian forces", "القوات الروسية", PartyClass.ForeignForces, "Russian army", "Russians", "Russian special forces", "Russia"),
        A("us-forces", "United States forces", "القوات الأمريكية", PartyClass.ForeignForces,
            "US forces", "US troops", "US marines", "American forces", "US army", "United States"),
        A("coalition", "US-led coalition", "التحالف الدولي", PartyClass.ForeignForces, "Global Coalition", "international coalition", "CJTF-OIR"),
        A("irgc", "Islamic Revolutionary Guard Corps", "الحرس الثوري الإيراني", PartyClass.ForeignForces,
            "IRGC", "Revolutionary Guards", "Pasdaran", "الحرس الثوري"),
        A("israel", "Israel Defense Forces", "إسرائيل", PartyClass.ForeignForces, "IDF", "Israel", "Israeli army", "Israeli forces", "الجيش الإسرائيلي"),
        A("turkish-forces", "Turkish forces", "القوات التركية", PartyClass.ForeignForces, "Turkish army", "TAF", "Turkey", "MIT"),
        A("civilians", "Civilians", "مدنيون", PartyClass.Civilians, "civilian", "residents", "shepherds", "مدنيين", "المدنيين"),
        A("unknown", "Unknown", "مجهول", PartyClass.Unknown, "unidentified", "unknown gunmen", "unknown attackers", "مجهولون"),
    ]);
}
