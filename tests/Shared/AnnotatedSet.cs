using System.Text.Json;
using Ledger.Drafting;
using Ledger.Reconciliation;
using Ledger.Serialization;

namespace Ledger.Testing;

/// <summary>The annotated set (annotated.json): the five seed articles, and sentences of our own in English and
/// Arabic in the seeds' styles, each with every figure a careful coder would take from it and nothing else. The
/// drafter's words were tuned on the seeds and "sentences"; "heldOut" was written afterwards and not tuned on, so
/// its score says how the drafter does on text it has not seen.</summary>
public sealed record AnnotatedText(string Name, DraftRequest Request, IReadOnlyList<ExpectedFigure> Figures);

public static class AnnotatedSet
{
    /// <summary>Where annotated.json and Seeds/ are copied beside the test or benchmark assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Drafting");

    public static IReadOnlyList<AnnotatedText> Load()
    {
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "annotated.json"))).RootElement;
        var texts = new List<AnnotatedText>();
        foreach (var seed in root.GetProperty("seeds").EnumerateArray())
        {
            var name = seed.GetProperty("seed").GetString()!;
            texts.Add(new AnnotatedText(name, new DraftRequest(File.ReadAllText(Path.Combine(Folder, "Seeds", name)),
                seed.GetProperty("publishedAt").GetDateTimeOffset(), Source: seed.GetProperty("source").GetString()), Figures(seed)));
        }
        foreach (var (list, name) in new[] { ("sentences", "sentence"), ("heldOut", "held-out") })
        {
            var n = 0;
            foreach (var sentence in root.GetProperty(list).EnumerateArray())
                texts.Add(new AnnotatedText($"{name} {++n}", new DraftRequest(sentence.GetProperty("text").GetString()!,
                    sentence.GetProperty("publishedAt").GetDateTimeOffset(), Source: "publisher", Language: sentence.GetProperty("language").GetString()), Figures(sentence)));
        }
        return texts;
    }

    private static List<ExpectedFigure> Figures(JsonElement e) => e.GetProperty("figures").EnumerateArray().Select(f => new ExpectedFigure(
        f.GetProperty("value").Deserialize<FigureValue>(LedgerJson.Options)!,
        f.GetProperty("category").Deserialize<FigureCategory>(LedgerJson.Options),
        f.GetProperty("certainty").Deserialize<Certainty>(LedgerJson.Options),
        f.GetProperty("party").GetString()!)).ToList();

    public static IReadOnlyList<FieldScore> Score(IReadOnlyList<AnnotatedText> texts) =>
        DraftScoring.Score(texts.Select(t => ((IReadOnlyList<DraftFigure>)Drafter.Draft(t.Request).Drafts.SelectMany(d => d.Figures).ToList(), t.Figures)));
}
