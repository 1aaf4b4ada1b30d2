using Ledger.EventStore;
using Ledger.Import;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Server.Http;

/// <summary>Where a region's or a source's own stream is read when the read models do not have it yet.</summary>
public interface IStreamStates
{
    Task<RegionState> RegionAsync(string regionId);
    Task<SourceState> SourceAsync(string sourceId);
}

/// <summary>In a node: the grains, which hold the streams and catch up with writes made elsewhere.</summary>
public sealed class GrainStates(IGrainFactory grains) : IStreamStates
{
    public async Task<RegionState> RegionAsync(string regionId) => (await grains.GetGrain<IRegionGrain>(regionId).GetState()).State;

    public async Task<SourceState> SourceAsync(string sourceId) => (await grains.GetGrain<ISourceGrain>(sourceId).GetState()).State;
}

/// <summary>In the CLI, which runs no silo: the stream folded from the store, as the importer does.</summary>
public sealed class StoredStates(MartenEventStore store) : IStreamStates
{
    public Task<RegionState> RegionAsync(string regionId) =>
        new ImportSession(store, "cli").StateAsync(RegionDecider.Kind, regionId);

    public Task<SourceState> SourceAsync(string sourceId) =>
        new ImportSession(store, "cli").StateAsync(SourceDecider.Kind, sourceId);
}
