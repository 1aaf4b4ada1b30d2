namespace Ledger.Projections;

public static class LedgerProjections
{
    /// <summary>Every read model of the ledger, each with its own checkpoint.</summary>
    public static IReadOnlyList<IProjection> All() => [new IncidentProjection(), new RegionProjection(), new SourceProjection()];
}
