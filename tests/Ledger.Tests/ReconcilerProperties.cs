using FsCheck;
using FsCheck.Fluent;
using Ledger.Reconciliation;

namespace Ledger.Tests;

public sealed class ReconcilerProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

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
    private static readonly Arbitrary<ReconcilableFigure[]> Incidents = Gen.ListOf(Figures)
        .Select(fs => fs.DistinctBy(f => f.FigureId).GroupBy(f => f.Source)
            .SelectMany(g => g.Select(f => f with { SourceRank = g.First().SourceRank })).ToArray())
        .ToArbitrary();

    [Fact]
    public void Low_best_high_are_ordered_whenever_present() =>
        Check.One(Config, Prop.ForAll(Incidents, figures =>
            Reconciler.Reconcile(figures).All(r =>
                (r.Low is null && r.Best is null && r.High is null) || (r.Low <= r.Best && r.Best <= r.High))));

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_figures_or_sources() =>
        Check.One(Config, Prop.ForAll(Incidents, Arb.From(Gen.Choose(0, int.MaxValue)), (figures, seed) =>
        {
            var shuffled = figures.OrderBy(_ => new Random(seed).Next()).Reverse().ToArray();
            return Reconciler.Reconcile(figures).SequenceEqual(Reconciler.Reconcile(shuffled));
        }));

    [Fact]
    public void Best_always_comes_from_a_first_ranked_source_among_those_used() =>
        Check.One(Config, Prop.ForAll(Incidents, figures => Reconciler.Reconcile(figures).All(row =>
        {
            if (row.BestSource is null) return row.Best is null;
            var used = figures.Where(f => f.Status == FigureStatus.Active && f.Category == row.Category && f.PartyClass == row.PartyClass
                && f.Value.ToEstimate() is not null && (row.Contested || f.Certainty != Certainty.Claimed)).ToList();
            return used.Any(f => f.Source == row.BestSource) && used.Where(f => f.Source == row.BestSource).Min(f => f.SourceRank) == used.Min(f => f.SourceRank);
        })));

    [Fact]
    public void Claims_never_move_a_row_that_has_other_numbers() =>
        Check.One(Config, Prop.ForAll(Incidents, figures =>
        {
            var withoutClaims = figures.Where(f => f.Certainty != Certainty.Claimed).ToArray();
            var quantifiedRows = Reconciler.Reconcile(withoutClaims).Where(r => r.Best is not null);
            var all = Reconciler.Reconcile(figures);
            return quantifiedRows.All(r => all.Single(a => a.Category == r.Category && a.PartyClass == r.PartyClass) is var a
                && (a.Low, a.Best, a.High, a.Contested) == (r.Low, r.Best, r.High, false));
        }));

    [Fact]
    public void Retracted_and_excluded_figures_change_nothing() =>
        Check.One(Config, Prop.ForAll(Incidents, figures =>
            Reconciler.Reconcile(figures).SequenceEqual(Reconciler.Reconcile(figures.Where(f => f.Status == FigureStatus.Active)))));
}
