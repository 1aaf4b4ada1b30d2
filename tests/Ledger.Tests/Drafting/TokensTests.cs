using Ledger.Drafting;

namespace Ledger.Tests.Drafting;

/// <summary>How a text is cut into words, numbers and marks, with where each stands.</summary>
public sealed class TokensTests
{
    [Theory]
    [InlineData("14", 14L)]
    [InlineData("1,500", 1500L)]
    [InlineData("١٤", 14L)]
    [InlineData("999999999", 999999999L)]
    [InlineData("1234567890", null)] // more than nine digits: an id or a phone number, not a head count
    [InlineData("2.5", null)]        // a decimal is no head count
    [InlineData("2٫5", null)]
    public void A_number_is_a_head_count_only_when_it_can_be_one(string text, long? number)
    {
        var token = Tokens.Of($"killed {text} soldiers")[1];
        token.Number.Should().Be(number);
        token.Text.Should().Be(text);
        token.Key.Should().Be(number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? text);
    }

    [Fact]
    public void Each_token_knows_where_it_stands_and_words_are_compared_by_their_keys()
    {
        const string text = "At 14:00, Ḥaws’ 12 «victims».";
        foreach (var t in Tokens.Of(text)) text[t.Start..t.End].Should().Be(t.Text);
        var keys = Tokens.Of(text).Select(t => t.Key).ToList();
        keys.Should().Contain("haws", "diacritics and the apostrophe fold away");
        keys.Should().Contain("12");
        Tokens.Of("«").Single().IsMark.Should().BeTrue();
        Tokens.Of("a").Single().IsMark.Should().BeFalse("a one-letter word is no mark");
    }
}
