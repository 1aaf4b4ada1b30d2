using Ledger.Drafting;
using Ledger.Testing;
using Ledger.Reconciliation;

namespace Ledger.Tests.Drafting;

/// <summary>Each seed article drafts the figures the sample data codes from it (value, category, certainty). The sample
/// is a coder's work: where it adds two of the article's numbers into one figure, or upgrades a report to
/// "confirmed", the test says so beside the figure.</summary>
public sealed class SeedDraftTests
{
    private static IReadOnlyList<DraftFigure> Figures(string seed, string published, string source) =>
        Drafter.Draft(new DraftRequest(File.ReadAllText(Path.Combine(AnnotatedSet.Folder, "Seeds", seed)), DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), Source: source))
            .Drafts.SelectMany(d => d.Figures).ToList();

    /// <summary>The values of the drafts that are running totals over a period, not incidents.</summary>
    private static IReadOnlyList<string> RunningTotals(string seed, string published, string source) =>
        Drafter.Draft(new DraftRequest(File.ReadAllText(Path.Combine(AnnotatedSet.Folder, "Seeds", seed)), DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), Source: source))
            .Drafts.Where(d => d.Total is not null).SelectMany(d => d.Figures).Select(f => f.Value.ToString()!).ToList();

    private static void Has(IReadOnlyList<DraftFigure> figures, FigureValue value, FigureCategory category, Certainty certainty) =>
        figures.Should().Contain(f => DraftScoring.SameValue(f.Value, value) && f.Category == category && f.Certainty == certainty,
            $"{value} {category} {certainty}");

    [Fact]
    public void Middle_East_Monitor_2019_amaqs_claims()
    {
        var f = Figures("000_c41836e34338f3ae.txt", "2019-10-01T14:27:00Z", "middle-east-monitor");
        Has(f, new ExactValue(5), FigureCategory.KilledOrInjured, Certainty.Claimed); // "the group claimed ... killing and wounding five members of the ... SDF"
        Has(f, new ExactValue(20), FigureCategory.Killed, Certainty.Claimed);         // "Twenty regime militia members were allegedly killed"
        f.Should().HaveCount(2);
    }

    [Fact]
    public void Crescent_International_2024_the_bus_the_posts_the_strike_the_leader_and_the_raid()
    {
        var f = Figures("001_167808a652abe33b.txt", "2024-02-01T00:00:00Z", "crescent-international");
        Has(f, new AtLeastValue(14), FigureCategory.Killed, Certainty.Reported);
        Has(f, new ExactValue(9), FigureCategory.Killed, Certainty.Reported);
        Has(f, new ExactValue(4), FigureCategory.Killed, Certainty.Reported); // "the intel chief, his deputy and two other Guards members"
        f.Where(x => x.Value is UnquantifiedValue).Select(x => x.Party).Should().BeEquivalentTo(["civilians", "syrian-army"]); // "a number of Syrian civilians and soldiers"
        Has(f, new ExactValue(1), FigureCategory.Killed, Certainty.Reported);   // al-Qurashi; the sample upgrades it to confirmed
        Has(f, new ExactValue(1), FigureCategory.Captured, Certainty.Reported); // "captured a Daesh official"
    }

    [Fact]
    public void SOHR_2021_figures_and_attack_counts_apart()
    {
        var result = Drafter.Draft(new DraftRequest(File.ReadAllText(Path.Combine(AnnotatedSet.Folder, "Seeds", "002_d8cb585f30e690d8.txt")),
            DateTimeOffset.Parse("2022-01-10T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Source: "sohr"));
        var f = result.Drafts.SelectMany(d => d.Figures).ToList();
        foreach (var n in new[] { 484, 396, 93, 136 }) Has(f, new ExactValue(n), FigureCategory.Killed, Certainty.Reported);
        // "950 to 975 attacks", "over 344 attacks", "Nearly 550 attacks": counts, never casualty figures.
        f.Select(x => x.Value).Should().NotContain([new RangeValue(950, 975), new AtLeastValue(344), new ApproximateValue(550)]);
        result.Counts.Select(c => c.Value.ToString()).Should().Contain(["950 to 975", "over 344", "Nearly 550", "150", "135", "4"]);
    }

    [Fact]
    public void Atalayar_2020_the_running_tally_and_the_desert_attacks()
    {
        var f = Figures("003_9be6a3769637ba68.txt", "2020-06-09T00:00:00Z", "atalayar");
        Has(f, new AtLeastValue(8), FigureCategory.Killed, Certainty.Reported);
        Has(f, new AtLeastValue(570), FigureCategory.Killed, Certainty.Reported);
        // The sample's "at least 129" foreign forces is the article's "at least two Russians, and 127 Iranian-backed militias".
        Has(f, new AtLeastValue(2), FigureCategory.Killed, Certainty.Reported);
        Has(f, new ExactValue(127), FigureCategory.Killed, Certainty.Reported);
        // "Since March 24, 2019, ..." is a running total: drafted as one over that period (the sample's regional figures).
        RunningTotals("003_9be6a3769637ba68.txt", "2020-06-09T00:00:00Z", "atalayar").Should().BeEquivalentTo(["at least 570", "at least 2", "127"]);
        // The sample's "at least 15" civilians is "at least four civilians working in gas fields and 11 shepherds".
        Has(f, new AtLeastValue(4), FigureCategory.Killed, Certainty.Reported);
        Has(f, new ExactValue(11), FigureCategory.Killed, Certainty.Reported);
        Has(f, new AtLeastValue(212), FigureCategory.Killed, Certainty.Reported);
        f.Should().Contain(x => x.Value == new ExactValue(3) && x.Party == "unknown", "\"killing three people\" does not say they were NDF");
    }

    [Fact]
    public void The_Arab_Weekly_2020_the_desert_balad_and_makhmur()
    {
        var f = Figures("004_53007e0a47f56fce.txt", "2020-05-10T00:00:00Z", "the-arab-weekly");
        Has(f, new AtLeastValue(11), FigureCategory.Killed, Certainty.Reported);
        Has(f, new ApproximateValue(515), FigureCategory.Killed, Certainty.Reported);
        // "an estimated 515 ... since March 2019" is a running total (the sample's regional figure), not 515 deaths on one day.
        RunningTotals("004_53007e0a47f56fce.txt", "2020-05-10T00:00:00Z", "the-arab-weekly").Should().ContainSingle().Which.Should().Contain("515");
        f.Count(x => x.Value == new ExactValue(10) && x.Party == "pmf").Should().Be(2, "AW's ten and the PMF's own; the sample upgrades the PMF's to confirmed");
        Has(f, new UnquantifiedValue("numerous"), FigureCategory.Killed, Certainty.Claimed);
        Has(f, new ExactValue(2), FigureCategory.Killed, Certainty.Reported);
    }
}
