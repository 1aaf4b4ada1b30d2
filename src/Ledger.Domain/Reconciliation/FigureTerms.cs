namespace Ledger.Reconciliation;

/// <summary>What a figure counts. JSON names are kebab-case: "killed-or-injured".</summary>
public enum FigureCategory
{
    Killed,
    Injured,
    /// <summary>The source did not split killed from injured.</summary>
    KilledOrInjured,
    Captured,
    Kidnapped,
    Missing,
    /// <summary>Number of attacks; only regional figures count attacks (an incident is one attack).</summary>
    Attacks,
}

/// <summary>The class of the party that was hit.</summary>
public enum PartyClass
{
    Civilians,
    StateForces,
    NonStateArmedGroups,
    ForeignForces,
    Unknown,
}

/// <summary>How much weight a figure carries. Claimed figures are used only when nothing else exists.</summary>
public enum Certainty
{
    /// <summary>The perpetrator's own claim, or "allegedly".</summary>
    Claimed,
    Reported,
    Confirmed,
}

public enum DisputeOutcome
{
    /// <summary>The dispute holds: the figure is excluded from reconciliation.</summary>
    Upheld,
    Dismissed,
}

/// <summary>Where a figure stands in its life: only Active figures are reconciled.</summary>
public enum FigureStatus
{
    Active,
    Retracted,
    Excluded,
}
