using System.Collections.Immutable;

namespace Ledger.Grains;

/// <summary>
/// What a journaled grain keeps (Orleans' view of its log): the domain state, a pure fold of the stream, and the
/// command ids the stream holds, so that a repeated command appends nothing. Orleans copies the view for its
/// tentative state; everything inside is immutable, so a copy is a new holder of the same parts.
/// </summary>
public sealed class StreamView<TState> : ICopyableView where TState : class
{
    public TState? State { get; set; }
    public ImmutableHashSet<string> Commands { get; set; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    /// <summary>Where the last folded event sits: what a write answers with.</summary>
    public EventContext? Last { get; set; }

    public object Copy() => new StreamView<TState> { State = State, Commands = Commands, Last = Last };
}

/// <summary>A grain view Orleans may copy by re-holding its immutable parts.</summary>
public interface ICopyableView
{
    object Copy();
}
