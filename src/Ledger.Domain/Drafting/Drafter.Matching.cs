namespace Ledger.Drafting;

/// <summary>Phrases matched against tokens.</summary>
public static partial class Drafter
{
    private static Phrase? MatchAny(List<Token> t, int i, IEnumerable<Phrase> phrases)
    {
        foreach (var p in phrases) if (Matches(t, i, p)) return p;
        return null;
    }

    /// <summary>The phrase's words at token <paramref name="i"/>; an Arabic word may carry a one-letter prefix
    /// (و "and", ب "by", ل "for") before the first of them.</summary>
    private static bool Matches(List<Token> t, int i, Phrase p)
    {
        if (p.Keys.Length == 0 || i < 0 || i + p.Keys.Length > t.Count) return false;
        for (var k = 0; k < p.Keys.Length; k++)
        {
            var key = t[i + k].Key;
            if (key == p.Keys[k]) continue;
            if (k == 0 && key.Length > p.Keys[0].Length && key[0] is 'و' or 'ب' or 'ل' && key[1..] == p.Keys[0]) continue;
            return false;
        }
        return true;
    }

    private static string Text(List<Token> t, int from, int to) =>
        string.Join(' ', t.Skip(from).Take(to - from).Select(x => x.Text));
}
