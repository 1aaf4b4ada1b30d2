using Ledger.Drafting;
using Ledger.Testing;
using Xunit.Abstractions;

namespace Ledger.Tests.Drafting;

/// <summary>Drafts measured, not claimed: precision and recall on the annotated set, field by field.</summary>
public sealed class DraftingScoreTests(ITestOutputHelper output)
{
    [Fact]
    public void Drafts_meet_the_precision_and_recall_goals_on_value_category_and_certainty()
    {
        var texts = AnnotatedSet.Load();
        texts.Count(t => t.Name.StartsWith("sentence", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(40);
        var scores = AnnotatedSet.Score(texts);
        foreach (var s in scores) output.WriteLine($"{s.Field,-10} precision {s.Precision:0.00} recall {s.Recall:0.00} ({s.Right} right, {s.Drafted} drafted, {s.Expected} expected)");
        output.WriteLine("held out:");
        foreach (var s in AnnotatedSet.Score(texts.Where(t => t.Name.StartsWith("held-out", StringComparison.Ordinal)).ToList()))
            output.WriteLine($"{s.Field,-10} precision {s.Precision:0.00} recall {s.Recall:0.00} ({s.Right} right, {s.Drafted} drafted, {s.Expected} expected)");
        foreach (var t in texts)
        {
            var drafted = Drafter.Draft(t.Request).Drafts.SelectMany(d => d.Figures).ToList();
            var wrong = drafted.Where(d => !t.Figures.Any(e => DraftScoring.SameValue(e.Value, d.Value) && e.Category == d.Category && e.Certainty == d.Certainty)).ToList();
            var missed = t.Figures.Where(e => !drafted.Any(d => DraftScoring.SameValue(e.Value, d.Value) && e.Category == d.Category)).ToList();
            foreach (var d in wrong) output.WriteLine($"{t.Name}: drafted {d.Value} {d.Category} {d.Certainty} {d.Party}");
            foreach (var e in missed) output.WriteLine($"{t.Name}: missed {e.Value} {e.Category} {e.Certainty} {e.Party}");
        }
        foreach (var field in new[] { "value", "category", "certainty" })
        {
            var s = scores.Single(x => x.Field == field);
            s.Precision.Should().BeGreaterThanOrEqualTo(0.9, field);
            s.Recall.Should().BeGreaterThanOrEqualTo(0.8, field);
        }
    }
}
