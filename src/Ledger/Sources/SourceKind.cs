namespace Ledger.Sources;

public enum SourceKind
{
    Monitor,
    InternationalOrganization,
    NewsAgency,
    Government,
    ArmedGroup,
}

public static class SourceRanks
{
    /// <summary>Default reliability rank per CONTRACT §1 (1 = first); a source's own rank overrides it.</summary>
    public static int DefaultFor(SourceKind kind) => kind switch
    {
        SourceKind.Monitor => 1,
        SourceKind.InternationalOrganization => 2,
        SourceKind.NewsAgency => 3,
        SourceKind.Government => 4,
        SourceKind.ArmedGroup => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
