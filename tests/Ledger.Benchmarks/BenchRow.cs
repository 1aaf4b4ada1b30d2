namespace Ledger.Benchmarks;

/// <summary>One line of the results: our rate beside raw PostgreSQL's, measured in the same run.</summary>
public sealed record BenchRow(string Name, string Unit, double Ours, double Baseline, double Goal, bool HigherIsBetter)
{
    public double Ratio => HigherIsBetter ? Ours / Baseline : Baseline / Ours;
    public bool MeetsGoal => HigherIsBetter ? Ratio >= Goal : Ours <= Goal;
}
