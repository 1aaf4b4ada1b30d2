namespace Ledger.Projections;

public static class LedgerProjections
{
    /// <summary>Every read model of the ledger, each a shard of Marten's daemon with its own progress.</summary>
    public static IReadOnlyList<ITableProjection> All() => [new IncidentProjection(), new RegionProjection(), new SourceProjection()];
}
