using Ledger.Reconciliation;

namespace Ledger.Testing;

/// <summary>docs/CONTRACT.md §1 rules 1-6 written a second time, differently from <c>Reconciler</c>, as the tests' oracle:
/// plain loops over every category and party class, numbers taken from each value kind by hand (not
/// <c>ToEstimate</c>), and the best source chosen by brute force (the one no other source beats) rather than by
/// sorting. A test that compares the two fails when either drifts from the contract.</summary>
public static class ReconciliationOracle
{
    public sealed record Row(FigureCategory Category, PartyClass PartyClass, long? Low, long? Best, long? High,
        string? BestSource, IReadOnlyList<string> Sources, bool Disputed, bool Contested, int Unquantified);

    public static List<Row> Expected(IReadOnlyCollection<ReconcilableFigure> figures)
    {
        var rows = new List<Row>();
        foreach (var category in Enum.GetValues<FigureCategory>())
        foreach (var partyClass in Enum.GetValues<PartyClass>())
        {
            // Rule 1: only current figures (not retracted, not excluded by an upheld dispute).
            var current = new List<ReconcilableFigure>();
            foreach (var f in figures)
                if (f.Category == category && f.PartyClass == partyClass && f.Status == FigureStatus.Active) current.Add(f);
            if (current.Count == 0) continue;

            var sources = current.Select(f => f.Source).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
            var unquantified = 0;
            var disputed = false;
            var numbers = new List<ReconcilableFigure>();
            foreach (var f in current)
            {
                // Rule 5: an open dispute on any current figure, with a number or not, marks the row.
                if (f.HasOpenDispute) disputed = true;
                if (f.Value is UnquantifiedValue) unquantified++;
                else numbers.Add(f);
            }
            // Rule 3: claims are used only when nothing else gives a number; then the row is contested.
            var notClaims = numbers.Where(f => f.Certainty != Certainty.Claimed).ToList();
            var contested = notClaims.Count == 0 && numbers.Count > 0;
            var used = contested ? numbers : notClaims;
            if (used.Count == 0)
            {
                rows.Add(new Row(category, partyClass, null, null, null, null, sources, disputed, false, unquantified));
                continue;
            }

            var bySource = new Dictionary<string, (long Low, long Best, long High, int Rank, ReconcilableFigure Latest)>(StringComparer.Ordinal);
            foreach (var f in used)
            {
                var (low, best, high) = Numbers(f.Value);
                if (bySource.TryGetValue(f.Source, out var s))
                    bySource[f.Source] = (s.Low + low, s.Best + best, s.High + high, Math.Min(s.Rank, f.SourceRank), Later(f, s.Latest) ? f : s.Latest);
                else
                    bySource[f.Source] = (low, best, high, f.SourceRank, f);
            }
            string? winner = null;
            foreach (var candidate in bySource.Keys)
                if (!bySource.Keys.Any(other => other != candidate && Beats(other, candidate, bySource)))
                    winner = candidate;
            rows.Add(new Row(category, partyClass, bySource.Values.Min(s => s.Low), bySource[winner!].Best, bySource.Values.Max(s => s.High),
                winner, sources, disputed, contested, unquantified));
        }
        return rows;
    }

    /// <summary>Rule 2, value kind by value kind.</summary>
    private static (long Low, long Best, long High) Numbers(FigureValue value) => value switch
    {
        ExactValue v => (v.Value, v.Value, v.Value),
        AtLeastValue v => (v.Value, v.Value, v.Value),
        AtMostValue v => (0, v.Value, v.Value),
        ApproximateValue v => (v.Value, v.Value, v.Value),
        RangeValue v => (v.Low, ((long)v.Low + v.High) / 2, v.High),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static DateTimeOffset Published(ReconcilableFigure f) => f.PublishedAt ?? DateTimeOffset.MinValue;

    private static bool Later(ReconcilableFigure a, ReconcilableFigure b) =>
        Published(a) > Published(b) || Published(a) == Published(b) && a.RecordedAt > b.RecordedAt;

    /// <summary>Rule 4: a better rank wins; then the later publication, then the later recording (of each
    /// source's latest figure); then, so that input order never matters, the smaller source id.</summary>
    private static bool Beats(string a, string b, Dictionary<string, (long Low, long Best, long High, int Rank, ReconcilableFigure Latest)> s)
    {
        if (s[a].Rank != s[b].Rank) return s[a].Rank < s[b].Rank;
        if (Published(s[a].Latest) != Published(s[b].Latest)) return Published(s[a].Latest) > Published(s[b].Latest);
        if (s[a].Latest.RecordedAt != s[b].Latest.RecordedAt) return s[a].Latest.RecordedAt > s[b].Latest.RecordedAt;
        return string.CompareOrdinal(a, b) < 0;
    }
}
