namespace Ledger.Benchmarks;

/// <summary>One line of the results: our figure beside its baseline, measured in the same run. The goal is a
/// ratio to reach (higher is better), or, lower being better, a bound on our figure or on the ratio.</summary>
public sealed record BenchRow(string Name, string Unit, double Ours, double Baseline, double Goal, bool HigherIsBetter, bool GoalOnRatio = false)
{
    public double Ratio => HigherIsBetter || GoalOnRatio ? Ours / Baseline : Baseline / Ours;
    public bool MeetsGoal => HigherIsBetter ? Ratio >= Goal : GoalOnRatio ? Ratio <= Goal : Ours <= Goal;
}
