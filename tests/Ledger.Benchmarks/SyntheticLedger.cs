using System.Text;

namespace Ledger.Benchmarks;

/// <summary>
/// NDJSON of a year of a country's reports, shaped like the seeds: Deir ez-Zor far ahead, then Raqqa and
/// Hasakah; several sources per incident; revisions on a fifth of the figures and disputes on a twentieth.
/// Deterministic for a seed, so every run measures the same data.
/// </summary>
public static class SyntheticLedger
{
    private static readonly (string Admin1, int Weight)[] Governorates =
        [("sy09", 550), ("sy11", 150), ("sy08", 135), ("sy04", 60), ("sy12", 30), ("sy02", 30), ("sy13", 20), ("sy01", 4), ("sy05", 10), ("sy07", 11)];
    private static readonly string[] Sources = ["sohr", "afp", "sana", "amaq", "ocha"];
    private static readonly (string Party, string Class)[] Parties =
        [("syrian-army", "state-forces"), ("ndf", "state-forces"), ("sdf", "non-state-armed-groups"), ("civilians", "civilians"), ("isis", "non-state-armed-groups")];

    /// <summary>Lines until about <paramref name="events"/> events; returns the lines and the incidents they report.</summary>
    public static (List<string> Lines, List<string> Incidents) Generate(int events, int seed = 42)
    {
        var random = new Random(seed);
        var lines = new List<string>
        {
            Source("sohr", "monitor"), Source("afp", "news-agency"), Source("sana", "government"), Source("amaq", "armed-group"),
            Source("ocha", "international-organization"),
        };
        var incidents = new List<string>();
        var total = 0;
        var totalWeight = Governorates.Sum(g => g.Weight);
        for (var i = 0; total < events; i++)
        {
            var id = $"syn-{seed}-{i}";
            incidents.Add(id);
            var pick = random.Next(totalWeight);
            var admin1 = Governorates.First(g => (pick -= g.Weight) < 0).Admin1;
            var date = new DateOnly(2021, 1, 1).AddDays(random.Next(365));
            var sources = Sources.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            var (party, partyClass) = Parties[random.Next(Parties.Length)];
            var figures = string.Join(',', sources.Select(s => Figure(s, party, partyClass, random)));
            lines.Add($$"""{"command":"reportIncident","id":"l-{{id}}","incidentId":"{{id}}","title":"Attack {{i}}","occurred":{"date":"{{date:yyyy-MM-dd}}"},"location":{"country":"SY","admin1":"{{admin1}}"},"type":"ambush","perpetrator":"isis","figures":[{{figures}}]}""");
            total += 1 + sources.Count;
            foreach (var s in sources)
            {
                var figureId = $"{s}:killed:{party}";
                if (random.Next(5) == 0)
                {
                    lines.Add($$"""{"command":"reviseFigure","id":"r-{{id}}-{{s}}","incidentId":"{{id}}","figureId":"{{figureId}}","value":{"kind":"atLeast","value":{{random.Next(1, 60)}}},"reason":"updated toll"}""");
                    total++;
                }
                if (random.Next(20) == 0 && s != "sana")
                {
                    lines.Add($$"""{"command":"disputeFigure","id":"d-{{id}}-{{s}}","incidentId":"{{id}}","figureId":"{{figureId}}","disputedBy":"sana","reason":"inflated"}""");
                    total++;
                }
            }
        }
        return (lines, incidents);
    }

    private static string Source(string id, string kind) =>
        $$"""{"command":"registerSource","id":"src-{{id}}","sourceId":"{{id}}","name":"{{id.ToUpperInvariant()}}","kind":"{{kind}}"}""";

    private static string Figure(string source, string party, string partyClass, Random random)
    {
        var n = random.Next(0, 40);
        var value = random.Next(4) switch
        {
            0 => $$"""{"kind":"exact","value":{{n}}}""",
            1 => $$"""{"kind":"atLeast","value":{{n}}}""",
            2 => $$"""{"kind":"range","low":{{n}},"high":{{n + random.Next(10)}}}""",
            _ => $$"""{"kind":"approximate","value":{{n}}}""",
        };
        return $$"""{"source":"{{source}}","category":"killed","party":"{{party}}","partyClass":"{{partyClass}}","value":{{value}},"certainty":"reported"}""";
    }

    public static TextReader Reader(List<string> lines) => new StringReader(new StringBuilder().AppendJoin('\n', lines).ToString());
}
