using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Sources;

/// <summary>How a source's figures fared (docs/CONTRACT.md §1, "a source's record"): what it reported, how often and
/// which way it revised, the disputes against its figures and those it raised with their outcomes, its retractions.
/// A pure fold of the incident events up to a point, in log order.</summary>
public sealed record SourceRecord(
    string Source,
    int FiguresReported,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByPartyClass,
    int Claimed,
    int Unquantified,
    int FiguresRevised,
    int Revisions,
    int RevisedUp,
    int RevisedDown,
    double? MedianRelativeChange,
    double? MedianDaysToLastRevision,
    DisputeTally DisputesAgainst,
    DisputeTally DisputesRaised,
    int Retractions,
    int Incidents,
    int Compared,
    int Agreed,
    RegionalRecord? Regional = null)
{
    /// <summary>The record of <paramref name="source"/> from the incident events given (each with its incident's id).</summary>
    public static SourceRecord Of(string source, IEnumerable<(string IncidentId, IIncidentEvent Event, EventContext At)> log)
    {
        var figures = new Dictionary<(string, string), Figure>();
        // Every source's figures as they stand, to set this source's beside the others' on the same incident.
        var everyone = new Dictionary<(string Incident, string FigureId), Peer>();
        var against = new Dictionary<(string, string), DisputeOutcome?>();
        var raised = new Dictionary<(string, string), DisputeOutcome?>();
        foreach (var (incident, e, at) in log)
        {
            switch (e)
            {
                case FigureReported r: everyone[(incident, r.FigureId)] = new Peer(r.Source, r.Category, r.Party, r.Value, false); break;
                case FigureRevised r when everyone.TryGetValue((incident, r.FigureId), out var peer): everyone[(incident, r.FigureId)] = peer with { Value = r.Value }; break;
                case FigureRetracted r when everyone.TryGetValue((incident, r.FigureId), out var peer): everyone[(incident, r.FigureId)] = peer with { Retracted = true }; break;
            }
            switch (e)
            {
                case FigureReported r when r.Source == source:
                    figures[(incident, r.FigureId)] = new Figure(r.Category, r.PartyClass, r.Certainty, r.Value, r.Value, at.RecordedAt, null, 0, 0, 0);
                    break;
                case FigureRevised r when figures.TryGetValue((incident, r.FigureId), out var f):
                    var direction = Math.Sign((r.Value.ToEstimate()?.Best ?? 0) - (f.Last.ToEstimate()?.Best ?? 0));
                    figures[(incident, r.FigureId)] = f with
                    {
                        Last = r.Value, LastRevisedAt = at.RecordedAt, Revisions = f.Revisions + 1,
                        Up = f.Up + (direction > 0 && f.Last.ToEstimate() is not null && r.Value.ToEstimate() is not null ? 1 : 0),
                        Down = f.Down + (direction < 0 && f.Last.ToEstimate() is not null && r.Value.ToEstimate() is not null ? 1 : 0),
                    };
                    break;
                case FigureDisputed d:
                    if (figures.ContainsKey((incident, d.FigureId))) against[(incident, d.DisputeId)] = null;
                    if (d.DisputedBy == source) raised[(incident, d.DisputeId)] = null;
                    break;
                case DisputeResolved d:
                    if (against.ContainsKey((incident, d.DisputeId))) against[(incident, d.DisputeId)] = d.Outcome;
                    if (raised.ContainsKey((incident, d.DisputeId))) raised[(incident, d.DisputeId)] = d.Outcome;
                    break;
                case FigureRetracted r when figures.TryGetValue((incident, r.FigureId), out var f):
                    figures[(incident, r.FigureId)] = f with { Retracted = true };
                    break;
            }
        }
        var all = figures.Values.ToList();
        var revised = all.Where(f => f.Revisions > 0).ToList();
        // Agreement: each of its live, counted figures that another source also gives for the same incident, category
        // and party is compared; it agrees when the counts the two allow overlap with any of the others'.
        int compared = 0, agreed = 0;
        var byIncident = everyone.ToLookup(p => p.Key.Incident, p => p.Value);
        foreach (var ((incident, _), mine) in everyone.Where(p => p.Value.Source == source))
        {
            if (mine.Counts is not { } m) continue;
            var others = byIncident[incident].Where(o => o.Source != source && o.Category == mine.Category && o.Party == mine.Party && o.Counts is not null)
                .Select(o => o.Counts!.Value).ToList();
            if (others.Count == 0) continue;
            compared++;
            if (others.Any(o => o.Low <= m.High && m.Low <= o.High)) agreed++;
        }
        return new SourceRecord(source, all.Count,
            Counts(all.Select(f => FigureIds.Kebab(f.Category))), Counts(all.Select(f => FigureIds.Kebab(f.PartyClass))),
            all.Count(f => f.Certainty == Certainty.Claimed), all.Count(f => f.First.ToEstimate() is null),
            revised.Count, revised.Sum(f => f.Revisions), revised.Sum(f => f.Up), revised.Sum(f => f.Down),
            Median(revised.Where(f => f.First.ToEstimate() is { Best: > 0 } && f.Last.ToEstimate() is not null)
                .Select(f => (double)(f.Last.ToEstimate()!.Value.Best - f.First.ToEstimate()!.Value.Best) / f.First.ToEstimate()!.Value.Best)),
            Median(revised.Select(f => (f.LastRevisedAt!.Value - f.ReportedAt).TotalDays)),
            DisputeTally.Of(against.Values), DisputeTally.Of(raised.Values), all.Count(f => f.Retracted),
            figures.Keys.Select(k => k.Item1).Distinct().Count(), compared, agreed);
    }

    /// <summary>The counts a value allows: "at least 14" is [14, ∞), "up to 20" [0, 20], "about 500" within a tenth of
    /// it; "numerous" none.</summary>
    public static (double Low, double High)? Interval(FigureValue value) => value switch
    {
        ExactValue v => (v.Value, v.Value),
        AtLeastValue v => (v.Value, double.PositiveInfinity),
        AtMostValue v => (0, v.Value),
        ApproximateValue v => (v.Value * 0.9, v.Value * 1.1),
        RangeValue v => (v.Low, v.High),
        _ => null,
    };

    private sealed record Peer(string Source, FigureCategory Category, string Party, FigureValue Value, bool Retracted)
    {
        public (double Low, double High)? Counts => Retracted ? null : Interval(Value);
    }

    private static IReadOnlyDictionary<string, int> Counts(IEnumerable<string> keys) =>
        new SortedDictionary<string, int>(keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 4);
    }

    private sealed record Figure(FigureCategory Category, PartyClass PartyClass, Certainty Certainty, FigureValue First, FigureValue Last,
        DateTimeOffset ReportedAt, DateTimeOffset? LastRevisedAt, int Revisions, int Up, int Down)
    {
        public bool Retracted { get; init; }
    }
}

/// <summary>Disputes by outcome: upheld, dismissed, still open.</summary>
public sealed record DisputeTally(int Total, int Upheld, int Dismissed, int Open)
{
    public static DisputeTally Of(IEnumerable<DisputeOutcome?> outcomes)
    {
        var list = outcomes.ToList();
        return new DisputeTally(list.Count, list.Count(o => o == DisputeOutcome.Upheld), list.Count(o => o == DisputeOutcome.Dismissed), list.Count(o => o is null));
    }
}
