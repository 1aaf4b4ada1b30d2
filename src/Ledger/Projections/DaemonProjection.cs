using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// A table projection as Marten's daemon runs it: each page of events is projected and its writes queued on the
/// daemon's batch, which Marten commits with the shard's progress (and refuses if another node moved that
/// progress first). A page whose range holds a hole waits for it to settle and takes in what committed there late.
/// </summary>
public sealed class DaemonProjection(ITableProjection projection, NpgsqlDataSource db) : Marten.Events.Projections.IProjection
{
    private readonly PageGaps _gaps = new(db, projection.Name, projection.EventTypes);

    public ITableProjection Projection { get; } = projection;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // A page is projected only once nothing can appear below its last event any more (PageGaps).
        var page = await _gaps.CompleteAsync(events.Select(ProjectedEvent.Of).ToList(), cancellation);
        var writes = await Projection.ProjectAsync(db, page, cancellation);
        foreach (var write in writes) operations.QueueOperation(write);
        Telemetry.LedgerMetrics.ProjectedEvents.Add(events.Count, new KeyValuePair<string, object?>("projection", Projection.Name));
    }

    // Marten's registration through the service container; the ledger registers its projections as values.
    public static void Register<TConcrete>(IServiceCollection collection, ProjectionLifecycle lifecycle, ServiceLifetime lifetime,
        Action<ProjectionBase>? configure) where TConcrete : class => throw new NotSupportedException("registered as a value by ReadModelDaemon");

    public static void Register<TConcrete, TStore>(IServiceCollection collection, ProjectionLifecycle lifecycle, ServiceLifetime lifetime,
        Action<ProjectionBase>? configure) where TConcrete : class where TStore : IDocumentStore =>
        throw new NotSupportedException("registered as a value by ReadModelDaemon");
}
