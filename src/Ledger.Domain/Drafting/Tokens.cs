using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Drafting;

/// <summary>A word, number or mark of a text, with where it stands. <see cref="Key"/> is how it is compared
/// (<see cref="NameKey"/>, or the mark itself); <see cref="Number"/> is set for digits, Arabic-Indic ones included.</summary>
public sealed record Token(string Text, string Key, int Start, int End, long? Number)
{
    public bool IsMark => Key.Length == 1 && !char.IsLetterOrDigit(Key[0]);
}

public static partial class Tokens
{
    [GeneratedRegex(@"\d{1,3}(?:[,٬]\d{3})+(?!\d)|\d+(?:[.٫]\d+)?|[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*|[^\s\p{L}\p{M}\d]")]
    private static partial Regex Pattern();

    public static List<Token> Of(string text)
    {
        var tokens = new List<Token>();
        foreach (Match m in Pattern().Matches(text))
        {
            var t = m.Value;
            if (char.IsDigit(t[0]))
            {
                // A decimal ("2.5") is no head count: kept as text, so it never becomes a figure.
                if (t.Contains('.') || t.Contains('٫')) { tokens.Add(new Token(t, t, m.Index, m.Index + m.Length, null)); continue; }
                // More than nine digits is no head count (a phone number, an id): kept as text.
                if (t.Count(char.IsDigit) > 9) { tokens.Add(new Token(t, t, m.Index, m.Index + m.Length, null)); continue; }
                long n = 0;
                foreach (var c in t) if (char.IsDigit(c)) n = n * 10 + (long)char.GetNumericValue(c);
                tokens.Add(new Token(t, n.ToString(CultureInfo.InvariantCulture), m.Index, m.Index + m.Length, n));
            }
            else
            {
                var key = char.IsLetter(t[0]) ? NameKey.Of(t) : t;
                tokens.Add(new Token(t, key.Length == 0 ? t : key, m.Index, m.Index + m.Length, null));
            }
        }
        return tokens;
    }
}
