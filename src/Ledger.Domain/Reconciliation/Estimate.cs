namespace Ledger.Reconciliation;

/// <summary>A (low, best, high) triple; sums of counts, so long.</summary>
public readonly record struct Estimate(long Low, long Best, long High)
{
    public static Estimate operator +(Estimate a, Estimate b) => new(a.Low + b.Low, a.Best + b.Best, a.High + b.High);
    public static readonly Estimate Zero = new(0, 0, 0);
}
