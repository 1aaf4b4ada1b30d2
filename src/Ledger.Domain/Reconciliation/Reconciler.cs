namespace Ledger.Reconciliation;

/// <summary>
/// docs/CONTRACT.md §1 "how a figure becomes a tally", as a pure function of an incident's current figures.
/// The result does not depend on the order of the input.
/// </summary>
public static class Reconciler
{
    public static IReadOnlyList<ReconciledEstimate> Reconcile(IEnumerable<ReconcilableFigure> figures) =>
        figures
            .Where(f => f.Status == FigureStatus.Active) // rule 1: retracted and excluded figures drop out
            .GroupBy(f => (f.Category, f.PartyClass))
            .OrderBy(g => g.Key.Category).ThenBy(g => g.Key.PartyClass)
            .Select(g => ReconcileRow(g.Key.Category, g.Key.PartyClass, g.ToList()))
            .ToList();

    private static ReconciledEstimate ReconcileRow(FigureCategory category, PartyClass partyClass, List<ReconcilableFigure> row)
    {
        var sources = row.Select(f => f.Source).Distinct().Order(StringComparer.Ordinal).ToList();
        var unquantified = row.Count(f => f.Value.ToEstimate() is null);
        var disputed = row.Any(f => f.HasOpenDispute); // rule 5: open disputes flag, never exclude

        var quantified = row.Where(f => f.Value.ToEstimate() is not null).ToList();
        // Rule 3: claims count only when nothing else gives a number.
        var eligible = quantified.Where(f => f.Certainty != Certainty.Claimed).ToList();
        var contested = eligible.Count == 0 && quantified.Count > 0;
        if (contested) eligible = quantified;

        if (eligible.Count == 0)
            return new ReconciledEstimate(category, partyClass, null, null, null, sources, null, disputed, false, unquantified);

        // Rule 1: a source's figures for several parties of one class add up.
        var perSource = eligible
            .GroupBy(f => f.Source)
            .Select(g => new SourceSum(
                g.Key,
                g.Min(f => f.SourceRank),
                g.Aggregate(Estimate.Zero, (sum, f) => sum + f.Value.ToEstimate()!.Value),
                g.MaxBy(f => (f.PublishedAt ?? DateTimeOffset.MinValue, f.RecordedAt))!,
                g.Any(f => f.Value is AtLeastValue)))
            .ToList();

        // Rule 4: best from the first-ranked source; ties to the later publishedAt, then recordedAt;
        // the source id last, so that the result never depends on input order.
        var first = perSource
            .OrderBy(s => s.Rank)
            .ThenByDescending(s => s.Latest.PublishedAt ?? DateTimeOffset.MinValue)
            .ThenByDescending(s => s.Latest.RecordedAt)
            .ThenBy(s => s.Source, StringComparer.Ordinal)
            .First();

        // The high is open when every source that gives it gave an open bound ("at least"): one that gives it exactly
        // closes it.
        var high = perSource.Max(s => s.Sum.High);
        return new ReconciledEstimate(
            category, partyClass,
            perSource.Min(s => s.Sum.Low), first.Sum.Best, high,
            sources, first.Source, disputed, contested, unquantified)
        { HighOpen = perSource.Where(s => s.Sum.High == high).All(s => s.Open) };
    }

    private sealed record SourceSum(string Source, int Rank, Estimate Sum, ReconcilableFigure Latest, bool Open);
}
