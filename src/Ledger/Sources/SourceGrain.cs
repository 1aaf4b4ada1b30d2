using Ledger.Grains;

namespace Ledger.Sources;

/// <summary>One registered source, stream <c>source-{id}</c>.</summary>
public interface ISourceGrain : ICommandGrain<RegisterSource, SourceState>;

public sealed class SourceGrain() : CommandGrain<SourceState, ISourceEvent, RegisterSource>(SourceState.Initial), ISourceGrain
{
    public static string StreamFor(string sourceId) => "source-" + sourceId;

    protected override string StreamId => StreamFor(GrainKey);

    protected override SourceState TransitionState(SourceState state, ISourceEvent @event, EventContext context) => state.Apply(@event, context);

    protected override Decision<ISourceEvent> Decide(RegisterSource command, SourceState state, DateTimeOffset now) =>
        SourceDecider.Decide(command, state);
}

internal sealed class SourceGrainReference(GrainHost host, string key)
    : CommandGrainReference<SourceGrain, RegisterSource, SourceState>(host, key), ISourceGrain;
