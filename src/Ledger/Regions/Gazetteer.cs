namespace Ledger.Regions;

/// <summary>
/// The regions the ledger ships: Syria's 14 and Iraq's 18 governorates, ids the OCHA p-codes in lower case,
/// with the spellings newsrooms and monitors actually use as aliases.
/// </summary>
public static class Gazetteer
{
    private static RegionDefined Gov(string id, string country, string name, params string[] aliases) =>
        new(id, name, country, RegionLevel.Admin1, country.ToLowerInvariant(), aliases, []);

    public static readonly IReadOnlyList<RegionDefined> Regions =
    [
        new("sy", "Syria", "SY", RegionLevel.Country, null, ["Syrian Arab Republic", "Suriya"], []),
        new("iq", "Iraq", "IQ", RegionLevel.Country, null, ["Republic of Iraq", "Al-Iraq"], []),

        Gov("sy01", "SY", "Damascus", "Dimashq", "Damascus City", "Damas"),
        Gov("sy02", "SY", "Aleppo", "Halab", "Alep"),
        Gov("sy03", "SY", "Rural Damascus", "Rif Dimashq", "Reef Damascus", "Rif Damascus", "Damascus Countryside", "Damascus Rural"),
        Gov("sy04", "SY", "Homs", "Hims"),
        Gov("sy05", "SY", "Hama", "Hamah", "Hamat"),
        Gov("sy06", "SY", "Lattakia", "Latakia", "Al-Ladhiqiyah", "Latakiya"),
        Gov("sy07", "SY", "Idleb", "Idlib", "Edlib"),
        Gov("sy08", "SY", "Al-Hasakeh", "Hasakah", "Hassakeh", "Al-Hasakah", "Hasakeh", "Hasaka", "Al-Hassakeh", "Al-Hasaka"),
        Gov("sy09", "SY", "Deir-ez-Zor", "Deir ez Zor", "Deir Ezzor", "Dayr az Zawr", "Deir el-Zor", "Deir al-Zour", "Deir Ezzour", "Deir al-Zor", "Deir el-Zour", "Deir Zor"),
        Gov("sy10", "SY", "Ar-Raqqa", "Raqqa", "Al-Raqqah", "Ar Raqqah", "Raqqah", "Rakka", "Al-Raqqa"),
        Gov("sy11", "SY", "As-Sweida", "Suwayda", "As-Suwayda", "Al-Suwaidaa", "Suwaidda", "Sweida", "Suwaida", "Sweyda", "Al-Suwayda"),
        Gov("sy12", "SY", "Dar'a", "Daraa", "Deraa", "Dara'a", "Der'a", "Dar'aa"),
        Gov("sy13", "SY", "Tartous", "Tartus", "Tartos"),
        Gov("sy14", "SY", "Quneitra", "Al-Qunaytirah", "Quneitera", "Qunaitra"),

        Gov("iqg01", "IQ", "Al-Anbar", "Anbar"),
        Gov("iqg02", "IQ", "Al-Basrah", "Basra", "Basrah"),
        Gov("iqg03", "IQ", "Al-Muthanna", "Muthanna"),
        Gov("iqg04", "IQ", "Al-Najaf", "Najaf", "An-Najaf"),
        Gov("iqg05", "IQ", "Al-Qadissiya", "Qadisiyah", "Al-Qadisiyyah", "Qadisiyya", "Diwaniyah"),
        Gov("iqg06", "IQ", "Al-Sulaymaniyah", "Sulaymaniyah", "Sulaimaniya", "Slemani", "As-Sulaymaniyah"),
        Gov("iqg07", "IQ", "Babil", "Babylon"),
        Gov("iqg08", "IQ", "Baghdad"),
        Gov("iqg09", "IQ", "Duhok", "Dohuk", "Dahuk"),
        Gov("iqg10", "IQ", "Diyala", "Diyalah"),
        Gov("iqg11", "IQ", "Erbil", "Arbil", "Irbil", "Hawler"),
        Gov("iqg12", "IQ", "Kerbala", "Karbala"),
        Gov("iqg13", "IQ", "Kirkuk", "Tameem", "At-Ta'mim"),
        Gov("iqg14", "IQ", "Maysan", "Missan", "Maisan"),
        Gov("iqg15", "IQ", "Ninewa", "Nineveh", "Ninawa", "Ninevah"),
        Gov("iqg16", "IQ", "Salah Al-Din", "Salahaddin", "Saladin", "Salah ad-Din", "Salahuddin", "Salah al-Deen", "Salah el-Din"),
        Gov("iqg17", "IQ", "Thi-Qar", "Dhi Qar", "Thi Qar", "Dhi-Qar"),
        Gov("iqg18", "IQ", "Wassit", "Wasit"),
    ];

    public static readonly RegionIndex Index = new(Regions);
}
