namespace Ledger.Incidents;

/// <summary>One kind of incident, with the words the press uses for it.</summary>
public sealed record IncidentType(string Id, string Name, string? NameAr, IReadOnlyList<string> Aliases) : INamed;

/// <summary>
/// The ledger's incident typology: a fixed list close to ACLED's sub-event types, so that "airstrike", "air strike" and
/// "غارة جوية" are one type that a filter finds. A request may give any alias; the id is stored.
/// </summary>
public static class IncidentTypes
{
    private static IncidentType T(string id, string name, string nameAr, params string[] aliases) => new(id, name, nameAr, aliases);

    public static readonly Vocabulary<IncidentType> Types = new(
    [
        T("armed-clash", "Armed clash", "اشتباك مسلح", "clash", "clashes", "fighting", "battle", "اشتباكات"),
        T("attack", "Attack", "هجوم", "armed attack", "assault", "shooting", "attacked"),
        T("ambush", "Ambush", "كمين"),
        T("air-strike", "Air or drone strike", "غارة جوية", "airstrike", "air raid", "drone strike", "missile strike", "bombing raid", "قصف جوي"),
        T("shelling", "Shelling, artillery or rocket attack", "قصف", "artillery", "rocket attack", "mortar", "قصف مدفعي"),
        T("explosive-device", "Explosive device or car bomb", "عبوة ناسفة", "ied", "vbied", "car bomb", "roadside bomb", "landmine", "mine",
            "booby-trapped car", "سيارة مفخخة", "لغم"),
        T("suicide-attack", "Suicide attack", "هجوم انتحاري", "suicide bombing", "suicide bomber", "تفجير انتحاري"),
        T("assassination", "Assassination", "اغتيال", "targeted killing"),
        T("abduction", "Abduction or forced disappearance", "اختطاف", "kidnapping", "abducted", "خطف"),
        T("raid", "Raid or arrest operation", "مداهمة", "arrest", "security operation", "capture of a person"),
        T("territory-taken", "Territory taken", "سيطرة", "capture", "takeover", "territory captured", "seized a town"),
        T("other", "Other", "أخرى"),
    ]);
}
