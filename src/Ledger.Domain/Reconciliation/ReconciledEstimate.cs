namespace Ledger.Reconciliation;

/// <summary>
/// One reconciled row of an incident: the (low, best, high) for a category and party class, the sources
/// behind it and the flags an analyst must see. Low/Best/High are null when no figure gives a number.
/// </summary>
public sealed record ReconciledEstimate(
    FigureCategory Category,
    PartyClass PartyClass,
    long? Low,
    long? Best,
    long? High,
    IReadOnlyList<string> Sources,
    string? BestSource,
    bool Disputed,
    bool Contested,
    int Unquantified)
{
    /// <summary>The high is open: the source(s) it comes from said "at least", so the true number may be higher. Shown
    /// as "N or more", never as a bound.</summary>
    public bool HighOpen { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public Estimate? Estimate => Low is { } l && Best is { } b && High is { } h ? new Estimate(l, b, h) : null;

    // Records compare lists by reference; rows are compared by content in folds and tests.
    public bool Equals(ReconciledEstimate? other) =>
        other is not null && Category == other.Category && PartyClass == other.PartyClass && Low == other.Low
        && Best == other.Best && High == other.High && Sources.SequenceEqual(other.Sources)
        && BestSource == other.BestSource && Disputed == other.Disputed && Contested == other.Contested
        && Unquantified == other.Unquantified && HighOpen == other.HighOpen;

    public override int GetHashCode() => HashCode.Combine(Category, PartyClass, Low, Best, High, BestSource, Disputed, Unquantified);
}
