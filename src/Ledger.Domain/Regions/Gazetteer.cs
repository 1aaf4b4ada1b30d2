namespace Ledger.Regions;

/// <summary>
/// The regions the ledger ships: Syria's 14 and Iraq's 18 governorates exactly as OCHA's COD-AB lists them
/// (p-code in lower case as the id, OCHA's English name, ISO 3166-2 code, Arabic name), with the spellings
/// newsrooms and monitors actually use as aliases. <c>shared/reference/governorates.csv</c> is the table a
/// test holds this list to. A p-code that changes upstream is a new event, never an edit of this list's past.
/// </summary>
public static class Gazetteer
{
    private static RegionDefined Gov(string id, string iso, string name, string nameAr, params string[] aliases) =>
        new(id, name, iso[..2], RegionLevel.Admin1, iso[..2].ToLowerInvariant(), aliases, [], nameAr, iso);

    public static readonly IReadOnlyList<RegionDefined> Regions =
    [
        new("sy", "Syria", "SY", RegionLevel.Country, null, ["Syrian Arab Republic", "Suriya"], [], "سوريا", "SY"),
        new("iq", "Iraq", "IQ", RegionLevel.Country, null, ["Republic of Iraq", "Al-Iraq"], [], "العراق", "IQ"),

        Gov("sy01", "SY-DI", "Damascus", "دمشق", "Dimashq", "Damascus City", "Damas"),
        Gov("sy02", "SY-HL", "Aleppo", "حلب", "Halab", "Alep"),
        Gov("sy03", "SY-RD", "Rural Damascus", "ريف دمشق", "Rif Dimashq", "Reef Damascus", "Rif Damascus", "Damascus Countryside", "Damascus Rural"),
        Gov("sy04", "SY-HI", "Homs", "حمص", "Hims"),
        Gov("sy05", "SY-HM", "Hama", "حماة", "Hamah", "Hamat"),
        Gov("sy06", "SY-LA", "Lattakia", "اللاذقية", "Latakia", "Al-Ladhiqiyah", "Latakiya"),
        Gov("sy07", "SY-ID", "Idleb", "إدلب", "Idlib", "Edlib"),
        Gov("sy08", "SY-HA", "Al-Hasakeh", "الحسكة", "Hasakah", "Hassakeh", "Al-Hasakah", "Hasakeh", "Hasaka", "Al-Hassakeh", "Al-Hasaka"),
        Gov("sy09", "SY-DY", "Deir-ez-Zor", "دير الزور", "Deir ez Zor", "Deir Ezzor", "Dayr az Zawr", "Deir el-Zor", "Deir al-Zour", "Deir Ezzour", "Deir al-Zor", "Deir el-Zour", "Deir Zor"),
        Gov("sy10", "SY-TA", "Tartous", "طرطوس", "Tartus", "Tartos"),
        Gov("sy11", "SY-RA", "Ar-Raqqa", "الرقة", "Raqqa", "Al-Raqqah", "Ar Raqqah", "Raqqah", "Rakka", "Al-Raqqa"),
        Gov("sy12", "SY-DR", "Dar'a", "درعا", "Daraa", "Deraa", "Dara'a", "Der'a", "Dar'aa"),
        Gov("sy13", "SY-SU", "As-Sweida", "السويداء", "Suwayda", "As-Suwayda", "Al-Suwaidaa", "Suwaidda", "Sweida", "Suwaida", "Sweyda", "Al-Suwayda"),
        Gov("sy14", "SY-QU", "Quneitra", "القنيطرة", "Al-Qunaytirah", "Quneitera", "Qunaitra"),

        Gov("iqg01", "IQ-AN", "Al-Anbar", "الأنبار", "Anbar"),
        Gov("iqg02", "IQ-BA", "Al-Basrah", "البصرة", "Basra", "Basrah"),
        Gov("iqg03", "IQ-MU", "Al-Muthanna", "المثنى", "Muthanna"),
        Gov("iqg04", "IQ-NA", "Al-Najaf", "النجف", "Najaf", "An-Najaf"),
        Gov("iqg05", "IQ-QA", "Al-Qadissiya", "القادسية", "Qadisiyah", "Al-Qadisiyyah", "Qadisiyya", "Diwaniyah"),
        Gov("iqg06", "IQ-SU", "Al-Sulaymaniyah", "السليمانية", "Sulaymaniyah", "Sulaimaniya", "Slemani", "As-Sulaymaniyah"),
        Gov("iqg07", "IQ-BB", "Babil", "بابل", "Babylon"),
        Gov("iqg08", "IQ-BG", "Baghdad", "بغداد"),
        Gov("iqg09", "IQ-DA", "Duhok", "دهوك", "Dohuk", "Dahuk"),
        Gov("iqg10", "IQ-DI", "Diyala", "ديالى", "Diyalah"),
        Gov("iqg11", "IQ-AR", "Erbil", "أربيل", "Arbil", "Irbil", "Hawler"),
        Gov("iqg12", "IQ-KA", "Kerbala", "كربلاء", "Karbala"),
        Gov("iqg13", "IQ-KI", "Kirkuk", "كركوك", "Tameem", "At-Ta'mim"),
        Gov("iqg14", "IQ-MA", "Missan", "ميسان", "Maysan", "Maisan"),
        Gov("iqg15", "IQ-NI", "Ninewa", "نينوى", "Nineveh", "Ninawa", "Ninevah"),
        Gov("iqg16", "IQ-SD", "Salah Al-Din", "صلاح الدين", "Salahaddin", "Saladin", "Salah ad-Din", "Salahuddin", "Salah al-Deen", "Salah el-Din"),
        Gov("iqg17", "IQ-DQ", "Thi-Qar", "ذي قار", "Dhi Qar", "Thi Qar", "Dhi-Qar"),
        Gov("iqg18", "IQ-WA", "Wassit", "واسط", "Wasit"),
    ];

    public static readonly RegionIndex Index = new(Regions);
}
