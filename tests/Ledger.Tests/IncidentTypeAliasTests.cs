using Ledger.Incidents;

namespace Ledger.Tests;

/// <summary>The words the press uses for each kind of incident, as the typology promises them: every one resolves to
/// its type, in any case, and nothing else does. Written out by hand, so that a changed or dropped word fails here
/// (the mutation run found every alias string surviving).</summary>
public sealed class IncidentTypeAliasTests
{
    public static readonly TheoryData<string, string> Words = new()
    {
        { "clash", "armed-clash" }, { "Clashes", "armed-clash" }, { "fighting", "armed-clash" }, { "battle", "armed-clash" },
        { "اشتباكات", "armed-clash" }, { "اشتباك مسلح", "armed-clash" }, { "Armed clash", "armed-clash" },
        { "armed attack", "attack" }, { "assault", "attack" }, { "shooting", "attack" }, { "attacked", "attack" }, { "هجوم", "attack" },
        { "Ambush", "ambush" }, { "كمين", "ambush" },
        { "airstrike", "air-strike" }, { "Air raid", "air-strike" }, { "drone strike", "air-strike" }, { "missile strike", "air-strike" },
        { "bombing raid", "air-strike" }, { "قصف جوي", "air-strike" }, { "غارة جوية", "air-strike" }, { "Air or drone strike", "air-strike" },
        { "artillery", "shelling" }, { "rocket attack", "shelling" }, { "mortar", "shelling" }, { "قصف مدفعي", "shelling" }, { "قصف", "shelling" },
        { "IED", "explosive-device" }, { "VBIED", "explosive-device" }, { "car bomb", "explosive-device" }, { "roadside bomb", "explosive-device" },
        { "landmine", "explosive-device" }, { "mine", "explosive-device" }, { "booby-trapped car", "explosive-device" },
        { "سيارة مفخخة", "explosive-device" }, { "لغم", "explosive-device" }, { "عبوة ناسفة", "explosive-device" },
        { "suicide bombing", "suicide-attack" }, { "suicide bomber", "suicide-attack" }, { "تفجير انتحاري", "suicide-attack" },
        { "هجوم انتحاري", "suicide-attack" },
        { "targeted killing", "assassination" }, { "اغتيال", "assassination" },
        { "kidnapping", "abduction" }, { "abducted", "abduction" }, { "خطف", "abduction" }, { "اختطاف", "abduction" },
        { "arrest", "raid" }, { "security operation", "raid" }, { "capture of a person", "raid" }, { "مداهمة", "raid" },
        { "capture", "territory-taken" }, { "takeover", "territory-taken" }, { "territory captured", "territory-taken" },
        { "seized a town", "territory-taken" }, { "سيطرة", "territory-taken" },
        { "Other", "other" }, { "أخرى", "other" },
        // Each type's own English name.
        { "Attack", "attack" }, { "Shelling, artillery or rocket attack", "shelling" }, { "Explosive device or car bomb", "explosive-device" },
        { "Suicide attack", "suicide-attack" }, { "Assassination", "assassination" }, { "Abduction or forced disappearance", "abduction" },
        { "Raid or arrest operation", "raid" }, { "Territory taken", "territory-taken" },
    };

    [Theory]
    [MemberData(nameof(Words))]
    public void A_word_the_press_uses_names_its_type(string word, string type) =>
        // Not through ?.: a word that resolves to nothing must fail here, not skip the assertion.
        (IncidentTypes.Types.Resolve(word)?.Id).Should().Be(type, $"\"{word}\" is a word for {type}");

    [Fact]
    public void Every_word_of_the_typology_is_one_written_here()
    {
        var written = Words.Select(row => ((string)row[0]).ToLowerInvariant()).ToHashSet();
        var words = IncidentTypes.Types.All.SelectMany(t => t.Aliases.Append(t.Name).Append(t.NameAr!)).Select(w => w.ToLowerInvariant());
        words.Should().OnlyContain(w => written.Contains(w), "each word the typology accepts is promised here");
    }

    [Theory]
    [InlineData("parade")]
    [InlineData("strike")]
    [InlineData("")]
    public void Other_words_name_no_type(string word) => IncidentTypes.Types.Resolve(word).Should().BeNull();
}
