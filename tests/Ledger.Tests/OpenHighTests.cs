using Ledger.Reconciliation;

namespace Ledger.Tests;

/// <summary>"At least 14" leaves the high open: a reconciled row says so, and one exact figure at the high closes it.</summary>
public sealed class OpenHighTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 9, 0, 0, 0, TimeSpan.Zero);

    private static ReconcilableFigure Figure(string source, FigureValue value) =>
        new($"{source}:killed:civilians", source, 1, FigureCategory.Killed, "civilians", PartyClass.Civilians, value, Certainty.Reported,
            T0, T0, FigureStatus.Active, false);

    private static ReconciledEstimate Row(params ReconcilableFigure[] figures) => Reconciler.Reconcile(figures).Single();

    [Fact]
    public void At_least_leaves_the_high_open() =>
        Row(Figure("sohr", new AtLeastValue(14))).Should().Match<ReconciledEstimate>(r => r.High == 14 && r.HighOpen);

    [Fact]
    public void An_exact_figure_at_the_high_closes_it() =>
        Row(Figure("sohr", new AtLeastValue(5)), Figure("afp", new ExactValue(10))).Should().Match<ReconciledEstimate>(r => r.High == 10 && !r.HighOpen);

    [Fact]
    public void An_open_figure_above_an_exact_one_leaves_it_open() =>
        Row(Figure("sohr", new AtLeastValue(12)), Figure("afp", new ExactValue(10))).Should().Match<ReconciledEstimate>(r => r.High == 12 && r.HighOpen);

    [Fact]
    public void Exact_ranges_and_about_are_closed()
    {
        Row(Figure("sohr", new RangeValue(950, 975))).HighOpen.Should().BeFalse();
        Row(Figure("sohr", new ApproximateValue(20))).HighOpen.Should().BeFalse();
        Row(Figure("sohr", new AtMostValue(3))).HighOpen.Should().BeFalse();
    }
}
