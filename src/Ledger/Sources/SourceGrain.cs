using Ledger.Grains;
using Orleans.Providers;

namespace Ledger.Sources;

/// <summary>One registered source, stream <c>source-{id}</c>.</summary>
public interface ISourceGrain : ICommandGrain<RegisterSource, SourceState>;

[LogConsistencyProvider(ProviderName = CommandGrain.StorageProvider)]
public sealed class SourceGrain(GrainStorage storage)
    : CommandGrain<SourceState, ISourceEvent, RegisterSource>(storage, SourceState.Initial), ISourceGrain
{
    public static string StreamFor(string sourceId) => "source-" + sourceId;

    protected override string StreamId => StreamFor(this.GetPrimaryKeyString());

    protected override SourceState Fold(SourceState state, ISourceEvent @event, EventContext context) => state.Apply(@event, context);

    protected override Decision<ISourceEvent> Decide(RegisterSource command, SourceState state, DateTimeOffset now) =>
        SourceDecider.Decide(command, state);
}
