using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Tests;

/// <summary>The small pieces every slice leans on, each at its edges: free text, slugs, the keys names are compared
/// by, a vocabulary of named things, and the stream kinds.</summary>
public sealed class DomainBasicsTests
{
    [Fact]
    public void Free_text_is_bounded_may_be_required_and_holds_no_hidden_control_characters()
    {
        FreeText.Check(null, "t", 5, required: false).Should().BeNull();
        FreeText.Check("  ", "t", 5, required: false).Should().BeNull();
        (FreeText.Check(null, "t", 5, required: true)!.Message, FreeText.Check(" ", "t", 5, required: true)!.Field).Should().Be(("t is required", "t"));
        FreeText.Check("abcde", "t", 5, required: true).Should().BeNull("five characters is the limit");
        FreeText.Check("abcdef", "t", 5, required: true)!.Message.Should().Be("t is longer than 5 characters (6)");
        FreeText.Check("a\nb\r\tc", "t", 10, required: true).Should().BeNull("line breaks and tabs are text");
        FreeText.Check("a\u0007b", "t", 10, required: true)!.Message.Should().Be("t contains a control character (U+0007)");
        FreeText.Check("a\u007fb", "t", 10, required: true)!.Message.Should().Be("t contains a control character (U+007F)");
    }

    [Fact]
    public void A_url_is_absolute_http_or_https()
    {
        FreeText.CheckUrl(null, "url").Should().BeNull();
        FreeText.CheckUrl("https://example.org/a", "url").Should().BeNull();
        FreeText.CheckUrl("http://example.org", "url").Should().BeNull();
        foreach (var bad in new[] { "ftp://example.org", "/relative", "javascript:alert(1)", "example.org" })
            (FreeText.CheckUrl(bad, "url")!.Field, FreeText.CheckUrl(bad, "url")!.Message).Should().Be(("url", "url must be an absolute http or https URL"), bad);
        FreeText.CheckUrl("", "url")!.Message.Should().Be("url is required");
        FreeText.CheckUrl("https://x.org/" + new string('a', 2000), "url")!.Message.Should().StartWith("url is longer than 2000");
    }

    [Fact]
    public void A_slug_has_2_to_128_characters_and_starts_with_a_letter_or_digit()
    {
        Slug.IsValid("ab").Should().BeTrue();
        Slug.IsValid("a").Should().BeFalse("one character is too short");
        Slug.IsValid("a" + new string('b', 127)).Should().BeTrue();
        Slug.IsValid("a" + new string('b', 128)).Should().BeFalse();
        Slug.IsValid("0-a.b_c").Should().BeTrue();
        foreach (var bad in new[] { "-ab", ".ab", "Ab", "a b", "ab/", "", null }) Slug.IsValid(bad).Should().BeFalse(bad ?? "null");
        Slug.Check("ok-1", "id").Should().BeNull();
        Slug.Check(null, "id")!.Message.Should().EndWith("(got nothing)");
        Slug.Check("Bad", "id")!.Message.Should().Be("id must be a slug of 2 to 128 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (got \"Bad\")");
        Slug.Check(new string('X', 41), "id")!.Message.Should().EndWith($"(got \"{new string('X', 40)}...\")");
        Slug.Check(new string('X', 40), "id")!.Message.Should().EndWith($"(got \"{new string('X', 40)}\")");
    }

    [Theory]
    [InlineData("Deir ez-Zor", "deirezzor")]
    [InlineData("  Al-Hasakah ", "hasakah")]
    [InlineData("Al", "al")]
    [InlineData("Ar Raqqa", "raqqa")]
    [InlineData("Ḥalab", "halab")]
    [InlineData("Dayr az-Zawr", "dayrazzawr")]
    [InlineData("Ṣalāḥ ad-Dīn", "salahaddin")]
    [InlineData("Şanlıurfa", "sanliurfa")]
    [InlineData("Ḥamāh", "hamah")]
    [InlineData("Raʾs al-ʿAyn", "rasalayn")]
    [InlineData("Ménaka", "menaka")]
    [InlineData("Daraa'", "daraa")]
    [InlineData("Sha`ra\u2019s\u02bc", "sharas")]
    [InlineData("السويداء", "سويداء")]
    [InlineData("سويداء", "سويداء")]
    [InlineData("حماة", "حماه")]
    [InlineData("إدلب", "ادلب")]
    [InlineData("آل", "ال")]
    [InlineData("الرقّة", "رقه")]
    [InlineData("دمشـــق", "دمشق")]
    [InlineData("ٱلبيرة", "بيره")]
    [InlineData("مدينة القامشلى", "مدينهقامشلي")]
    [InlineData("کرکوک", "كركوك")]
    [InlineData("ی", "ي")]
    [InlineData("A-1 b2", "a1b2")]
    // Each leading article of a transliteration, and one that is a word of its own.
    [InlineData("As Suwayda", "suwayda")]
    [InlineData("Ad Dana", "dana")]
    [InlineData("An Nabk", "nabk")]
    [InlineData("Ash Shaddadi", "shaddadi")]
    [InlineData("Az Zabadani", "zabadani")]
    [InlineData("At Tall", "tall")]
    [InlineData("El Bab", "bab")]
    [InlineData("Al Bab", "bab")]
    [InlineData("Ar Rastan", "rastan")]
    [InlineData("Tall Al Bab", "tallalbab")]
    // An apostrophe is part of its word (a hamza or an ayn), not a break between words: "Al'Bab" is one word.
    [InlineData("Al'Bab", "albab")]
    [InlineData("Al\u2019Bab", "albab")]
    // Harakat at both ends of their block are dropped (fathatan U+064B, wavy hamza below U+065F), and the superscript
    // alef. Inside a word too: a mark taken for a break between words would leave "الس" + "ويداء" with its article.
    [InlineData("دمشق\u064B", "دمشق")]
    [InlineData("دمشق\u065F", "دمشق")]
    [InlineData("الس\u064Bويداء", "سويداء")]
    [InlineData("الس\u065Fويداء", "سويداء")]
    [InlineData("الس\u0670ويداء", "سويداء")]
    public void A_name_key_folds_case_diacritics_articles_and_arabic_spellings(string name, string key) => NameKey.Of(name).Should().Be(key);

    /// <summary>Every letter of the transliteration table folds to its plain letter (invariant globalization leaves
    /// them whole), written out here letter by letter.</summary>
    [Theory]
    [InlineData("àáâãäåāăąạ", "aaaaaaaaaa")]
    [InlineData("çćĉċč", "ccccc")]
    [InlineData("ďđḍḏ", "dddd")]
    [InlineData("èéêëēĕėęěẹ", "eeeeeeeeee")]
    [InlineData("ĝğġģǧ", "ggggg")]
    [InlineData("ĥħḥẖḫ", "hhhhh")]
    [InlineData("ìíîïĩīĭįıị", "iiiiiiiiii")]
    [InlineData("ĵ", "j")]
    [InlineData("ķḳ", "kk")]
    [InlineData("ĺļľŀł", "lllll")]
    [InlineData("ñńņňṇ", "nnnnn")]
    [InlineData("òóôõöøōŏőọ", "oooooooooo")]
    [InlineData("ŕŗř", "rrr")]
    [InlineData("śŝşšṣ", "sssss")]
    [InlineData("ţťŧṭṯ", "ttttt")]
    [InlineData("ùúûüũūŭůűųụ", "uuuuuuuuuuu")]
    [InlineData("ŵ", "w")]
    [InlineData("ýÿŷỳ", "yyyy")]
    [InlineData("źżžẓ", "zzzz")]
    public void Each_transliterated_letter_folds_to_its_plain_letter(string letters, string plain)
    {
        // One letter at a time, so a letter folded to nothing cannot hide behind its neighbours.
        var folded = string.Concat(letters.Select(c => NameKey.Of("x" + c)[1..]));
        folded.Should().Be(plain);
    }

    [Fact]
    public void A_name_that_folds_to_nothing_names_no_entry()
    {
        var words = new Vocabulary<Thing>([new Thing("dash", "Dash", null, ["-"]), new Thing("quote", "Quote", null, ["'"])]);
        words.Resolve("-").Should().BeNull("a name with no letter or digit is no key");
        words.Resolve("'").Should().BeNull();
        words.Resolve("dash")!.Id.Should().Be("dash");
    }

    [Fact]
    public void A_stored_enum_name_reads_back_and_an_unknown_one_is_refused()
    {
        Enums.Parse<Reconciliation.PartyClass>("non-state-armed-groups").Should().Be(Reconciliation.PartyClass.NonStateArmedGroups);
        FluentActions.Invoking(() => Enums.Parse<Reconciliation.PartyClass>("rebels")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_domain_error_reads_with_its_field_where_it_has_one()
    {
        DomainError.Invalid("rank", "too high").ToString().Should().Be("invalid (rank): too high");
        DomainError.NotFound("no-incident", "incident x is not recorded").ToString().Should().Be("no-incident: incident x is not recorded");
    }

    private sealed record Thing(string Id, string Name, string? NameAr, IReadOnlyList<string> Aliases) : INamed;

    [Fact]
    public void A_vocabulary_finds_each_entry_by_any_of_its_names_and_refuses_a_name_two_share()
    {
        var words = new Vocabulary<Thing>([new Thing("ied", "Explosive device", "عبوة ناسفة", ["roadside bomb"]), new Thing("air-strike", "Air strike", null, [])]);
        words.Ids.Should().Equal("ied", "air-strike");
        words.All.Should().HaveCount(2);
        foreach (var name in new[] { "ied", "IED", "explosive device", "Roadside-Bomb", "عبوة ناسفة" }) words.Resolve(name)!.Id.Should().Be("ied", name);
        words.Resolve("airstrike")!.Id.Should().Be("air-strike");
        words.Resolve("tank").Should().BeNull();
        words.Resolve(" ").Should().BeNull();
        words.Resolve(null).Should().BeNull();
        words["ied"]!.Name.Should().Be("Explosive device");
        words["IED"].Should().BeNull("the indexer takes ids only");
        FluentActions.Invoking(() => new Vocabulary<Thing>([new Thing("a1", "Same", null, []), new Thing("b1", "same", null, [])]))
            .Should().Throw<ArgumentException>().WithMessage("\"same\" names both a1 and b1*");
        new Vocabulary<Thing>([new Thing("a1", "A one", null, ["a one", "A-One"])]).Resolve("aone")!.Id.Should().Be("a1", "an entry may repeat its own name");
    }

    [Fact]
    public void Every_stream_belongs_to_one_kind_by_its_prefix()
    {
        StreamKinds.For("incident-x").Should().BeSameAs(IncidentDecider.Kind);
        StreamKinds.For("region-x").Should().BeSameAs(RegionDecider.Kind);
        StreamKinds.For("source-x").Should().BeSameAs(SourceDecider.Kind);
        FluentActions.Invoking(() => StreamKinds.For("other-x")).Should().Throw<ArgumentException>().WithMessage("other-x is not a ledger stream*");
        IncidentDecider.Kind.StreamFor("a").Should().Be("incident-a");
        (IncidentDecider.Kind.Owns("incident-a"), IncidentDecider.Kind.Owns("region-a"), IncidentDecider.Kind.Owns("xincident-a")).Should().Be((true, false, false));
        var reported = new IncidentReported("a", "t", new Occurrence(new DateOnly(2024, 1, 1)), new Location("SY", "sy04"), "ambush", null, null);
        var folded = IncidentDecider.Kind.Fold([(reported, new EventContext(1, 1, DateTimeOffset.UnixEpoch, "x"))]);
        folded.Id.Should().Be("a");
        IncidentDecider.Kind.Fold([]).Should().BeSameAs(IncidentState.Initial);
        ((IStreamKind)IncidentDecider.Kind).Evolve(IncidentState.Initial, reported, new EventContext(1, 1, DateTimeOffset.UnixEpoch, "x"))
            .Should().BeOfType<IncidentState>().Which.Id.Should().Be("a");
    }
}
