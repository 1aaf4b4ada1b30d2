using Ledger.Reconciliation;

namespace Ledger.Drafting;

/// <summary>A figure a careful coder takes from a text: what the drafts are measured against.</summary>
public sealed record ExpectedFigure(FigureValue Value, FigureCategory Category, Certainty Certainty, string Party);

/// <summary>Precision and recall of one field: how many drafted figures had it right, out of those drafted and out of
/// those expected.</summary>
public sealed record FieldScore(string Field, int Right, int Drafted, int Expected)
{
    public double Precision => Drafted == 0 ? 1 : (double)Right / Drafted;
    public double Recall => Expected == 0 ? 1 : (double)Right / Expected;
}

/// <summary>
/// Scores drafts against an annotated set. Within one text, each expected figure is paired with a drafted figure of
/// the same value (kind and numbers; a bound's wording and an unquantified figure's words are not compared), each
/// used once. A drafted figure with no pair is wrong in every field, since a wrong figure costs a coder more than a
/// missing one; a paired one is right in a field when the field agrees.
/// </summary>
public static class DraftScoring
{
    public static IReadOnlyList<FieldScore> Score(IEnumerable<(IReadOnlyList<DraftFigure> Drafted, IReadOnlyList<ExpectedFigure> Expected)> texts)
    {
        int drafted = 0, expected = 0, value = 0, category = 0, certainty = 0, party = 0;
        foreach (var (d, e) in texts)
        {
            drafted += d.Count;
            expected += e.Count;
            var free = d.ToList();
            foreach (var want in e)
            {
                var pair = free.FirstOrDefault(f => SameValue(f.Value, want.Value) && f.Category == want.Category)
                    ?? free.FirstOrDefault(f => SameValue(f.Value, want.Value));
                if (pair is null) continue;
                free.Remove(pair);
                value++;
                if (pair.Category == want.Category) category++;
                if (pair.Certainty == want.Certainty) certainty++;
                if (pair.Party == want.Party) party++;
            }
        }
        return [new("value", value, drafted, expected), new("category", category, drafted, expected),
            new("certainty", certainty, drafted, expected), new("party", party, drafted, expected)];
    }

    public static bool SameValue(FigureValue a, FigureValue b) => (a, b) switch
    {
        (UnquantifiedValue, UnquantifiedValue) => true,
        _ => (a with { Wording = null }).Equals(b with { Wording = null }),
    };
}
