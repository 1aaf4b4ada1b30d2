namespace Ledger.Sources;

public enum SourceKind
{
    Monitor,
    InternationalOrganization,
    NewsAgency,
    Government,
    ArmedGroup,
    /// <summary>An analyst or researcher speaking for themselves ("the strategic expert Majid Al-Qaisi" in a monitor's
    /// interview): not the monitor's own count, so not ranked as one.</summary>
    Expert,
}

public static class SourceRanks
{
    /// <summary>Default reliability rank per docs/CONTRACT.md §1 (1 = first); a source's own rank overrides it.</summary>
    public static int DefaultFor(SourceKind kind) => kind switch
    {
        SourceKind.Monitor => 1,
        SourceKind.InternationalOrganization => 2,
        SourceKind.NewsAgency => 3,
        SourceKind.Government => 4,
        SourceKind.ArmedGroup => 5,
        SourceKind.Expert => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
