using Ledger.Grains;
using Orleans.Providers;

namespace Ledger.Sources;

/// <summary>One registered source, stream <c>source-{id}</c>.</summary>
public interface ISourceGrain : ICommandGrain<RegisterSource, SourceState>;

[LogConsistencyProvider(ProviderName = CommandGrain.StorageProvider)]
public sealed class SourceGrain(GrainStorage storage)
    : CommandGrain<SourceState, ISourceEvent, RegisterSource>(storage, SourceDecider.Kind), ISourceGrain;
