using Ledger.Grains;

namespace Ledger.Sources;

/// <summary>One registered source, stream <c>source-{id}</c>.</summary>
public interface ISourceGrain : IGrainWithStringKey
{
    Task<CommandOutcome> Register(RegisterSource command, CommandMetadata metadata);
    Task<Versioned<SourceState>> GetState();
}

public sealed class SourceGrain() : JournaledGrain<SourceState, ISourceEvent>(SourceState.Initial), ISourceGrain
{
    public static string StreamFor(string sourceId) => "source-" + sourceId;

    protected override string StreamId => StreamFor(GrainKey);

    protected override SourceState TransitionState(SourceState state, ISourceEvent @event, EventContext context) =>
        state.Apply(@event, context);

    public Task<CommandOutcome> Register(RegisterSource command, CommandMetadata metadata) =>
        Execute(metadata, (state, _) => SourceDecider.Decide(command, state));

    public async Task<Versioned<SourceState>> GetState()
    {
        await RefreshNow();
        return new Versioned<SourceState>(State, Version);
    }
}

internal sealed class SourceGrainReference(GrainHost host, string key) : ISourceGrain
{
    public Task<CommandOutcome> Register(RegisterSource command, CommandMetadata metadata) =>
        host.InvokeAsync<SourceGrain, CommandOutcome>(key, g => g.Register(command, metadata));

    public Task<Versioned<SourceState>> GetState() =>
        host.InvokeAsync<SourceGrain, Versioned<SourceState>>(key, g => g.GetState());
}
