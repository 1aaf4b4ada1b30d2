using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Reconciliation;

namespace Ledger.Tests;

/// <summary>Generators for reconciliation: one incident's figures, as a source reports them.</summary>
public static class ReconcilerArbitraries
{
    public static Arbitrary<ReconcilableFigure[]> Incidents() => ReconcilerProperties.Incidents;
}

[Properties(Arbitrary = [typeof(ReconcilerArbitraries)], MaxTest = 500)]
public sealed class ReconcilerProperties
{
    internal static readonly Gen<FigureValue> Values = Gen.OneOf(
        Gen.Choose(0, 2000).Select(n => (FigureValue)new ExactValue(n)),
        Gen.Choose(0, 2000).Select(n => (FigureValue)new AtLeastValue(n)),
        Gen.Choose(0, 2000).Select(n => (FigureValue)new AtMostValue(n)),
        Gen.Choose(0, 2000).Select(n => (FigureValue)new ApproximateValue(n)),
        Gen.Choose(0, 2000).SelectMany(a => Gen.Choose(a, 4000).Select(b => (FigureValue)new RangeValue(a, b))),
        Gen.Elements("numerous", "dozens", "several").Select(t => (FigureValue)new UnquantifiedValue(t)));

    private static readonly DateTimeOffset T0 = new(2020, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<ReconcilableFigure> Figures =
        from source in Gen.Elements("sohr", "amaq", "afp", "sana", "pmf")
        from party in Gen.Elements("syrian-army", "ndf", "civilians", "sdf")
        from partyClass in Gen.Elements(PartyClass.StateForces, PartyClass.Civilians, PartyClass.NonStateArmedGroups)
        from category in Gen.Elements(FigureCategory.Killed, FigureCategory.Injured)
        from value in Values
        from rank in Gen.Choose(1, 5)
        from certainty in Gen.Elements(Certainty.Claimed, Certainty.Reported, Certainty.Confirmed)
        from published in Gen.Choose(0, 10).Select(d => d == 0 ? (DateTimeOffset?)null : T0.AddDays(d))
        from recorded in Gen.Choose(0, 10).Select(m => T0.AddMinutes(m))
        from status in Gen.Frequency((6, Gen.Constant(FigureStatus.Active)), (1, Gen.Constant(FigureStatus.Retracted)), (1, Gen.Constant(FigureStatus.Excluded)))
        from disputed in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new ReconcilableFigure($"{source}:{category}:{party}", source, rank, category, party, partyClass, value, certainty,
            published, recorded, status, disputed);

    // A source has one rank; figure ids are unique within an incident.
    internal static readonly Arbitrary<ReconcilableFigure[]> Incidents = Gen.ListOf(Figures)
        .Select(fs => fs.DistinctBy(f => f.FigureId).GroupBy(f => f.Source)
            .SelectMany(g => g.Select(f => f with { SourceRank = g.First().SourceRank })).ToArray())
        .ToArbitrary();

    /// <summary>The reconciler agrees with the oracle written differently (brute force over sources), row by row.</summary>
    [Property]
    public void Every_row_equals_the_independent_oracle(ReconcilableFigure[] figures)
    {
        var actual = Reconciler.Reconcile(figures).Select(r => new Ledger.Testing.ReconciliationOracle.Row(r.Category, r.PartyClass, r.Low, r.Best, r.High,
            r.BestSource, r.Sources, r.Disputed, r.Contested, r.Unquantified)).ToList();
        var expected = Ledger.Testing.ReconciliationOracle.Expected(figures);
        actual.Should().HaveSameCount(expected);
        for (var i = 0; i < expected.Count; i++)
            actual[i].Should().BeEquivalentTo(expected[i], o => o.WithStrictOrdering(), $"row {i} of {figures.Length} figures");
    }

    [Property]
    public bool Low_best_high_are_ordered_whenever_present(ReconcilableFigure[] figures) =>
        Reconciler.Reconcile(figures).All(r =>
            (r.Low is null && r.Best is null && r.High is null) || (r.Low <= r.Best && r.Best <= r.High));

    [Property]
    public bool The_result_does_not_depend_on_the_order_of_figures_or_sources(ReconcilableFigure[] figures, int seed)
    {
        // A Fisher-Yates shuffle from the seed: any permutation, not only a reversal.
        var shuffled = figures.ToArray();
        new Random(seed).Shuffle(shuffled);
        return Reconciler.Reconcile(figures).SequenceEqual(Reconciler.Reconcile(shuffled));
    }

    [Property]
    public bool Best_always_comes_from_a_first_ranked_source_among_those_used(ReconcilableFigure[] figures) =>
        Reconciler.Reconcile(figures).All(row =>
        {
            if (row.BestSource is null) return row.Best is null;
            var used = figures.Where(f => f.Status == FigureStatus.Active && f.Category == row.Category && f.PartyClass == row.PartyClass
                && f.Value.ToEstimate() is not null && (row.Contested || f.Certainty != Certainty.Claimed)).ToList();
            return used.Any(f => f.Source == row.BestSource) && used.Where(f => f.Source == row.BestSource).Min(f => f.SourceRank) == used.Min(f => f.SourceRank);
        });

    [Property]
    public bool Claims_never_move_a_row_that_has_other_numbers(ReconcilableFigure[] figures)
    {
        var withoutClaims = figures.Where(f => f.Certainty != Certainty.Claimed).ToArray();
        var quantifiedRows = Reconciler.Reconcile(withoutClaims).Where(r => r.Best is not null);
        var all = Reconciler.Reconcile(figures);
        return quantifiedRows.All(r => all.Single(a => a.Category == r.Category && a.PartyClass == r.PartyClass) is var a
            && (a.Low, a.Best, a.High, a.Contested) == (r.Low, r.Best, r.High, false));
    }

    [Property]
    public bool Retracted_and_excluded_figures_change_nothing(ReconcilableFigure[] figures) =>
        Reconciler.Reconcile(figures).SequenceEqual(Reconciler.Reconcile(figures.Where(f => f.Status == FigureStatus.Active)));
}
