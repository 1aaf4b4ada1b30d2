using System.Diagnostics;
using System.Globalization;
using Ledger.Drafting;
using Ledger.Testing;

namespace Ledger.Benchmarks;

/// <summary>ops/bench --drafting: the drafter's precision and recall per field on the annotated set (all of it, and the
/// held-out part it was not tuned on), and its time on a 10 kB article made of the seed articles.</summary>
public static class DraftingBenchmark
{
    public static void Run()
    {
        var texts = AnnotatedSet.Load();
        void Print(string title, IReadOnlyList<AnnotatedText> set)
        {
            Console.WriteLine($"{title} ({set.Count} texts, {set.Sum(t => t.Figures.Count)} figures a coder takes)");
            Console.WriteLine("| field | precision | recall | right | drafted | expected |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var s in AnnotatedSet.Score(set))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {s.Field} | {s.Precision:F2} | {s.Recall:F2} | {s.Right} | {s.Drafted} | {s.Expected} |"));
        }
        Print("whole annotated set", texts);
        Print("held out (written after tuning, never tuned on)", texts.Where(t => t.Name.StartsWith("held-out", StringComparison.Ordinal)).ToList());

        var article = string.Concat(texts.Where(t => t.Name.EndsWith(".txt", StringComparison.Ordinal)).Select(t => t.Request.Text + "\n"));
        article = article[..Math.Min(article.Length, 10_240)];
        var request = new DraftRequest(article, DateTimeOffset.Parse("2024-02-01T00:00:00Z", CultureInfo.InvariantCulture));
        for (var i = 0; i < 20; i++) Drafter.Draft(request); // warm up
        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var clock = Stopwatch.StartNew();
            Drafter.Draft(request);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drafting a {article.Length:N0}-character article: p50 {times[100]:F1} ms, p99 {times[197]:F1} ms (goal: under 50 ms)"));
    }
}
