using System.Collections.Immutable;

namespace Ledger.Streams;

/// <summary>A stream folded for deciding: its state, its version, the command ids it holds (so that a repeated
/// command appends nothing) and where its last event sits. Immutable: grains and import share it.</summary>
public sealed record StreamFold<TState>(TState State, long Version, ImmutableHashSet<string> Commands, EventContext? Last)
{
    public static StreamFold<TState> Empty(TState initial) => new(initial, 0, ImmutableHashSet.Create<string>(StringComparer.Ordinal), null);
}
