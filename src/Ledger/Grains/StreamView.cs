using Ledger.Streams;

namespace Ledger.Grains;

/// <summary>
/// What a journaled grain keeps (Orleans' view of its log): the stream folded by its kind's decider, with the
/// command ids it holds. Orleans copies the view for its tentative state; the fold is immutable, so a copy is a
/// new holder of the same fold.
/// </summary>
public sealed class StreamView<TState> : ICopyableView where TState : class
{
    /// <summary>Null until the stream is first read.</summary>
    public StreamFold<TState>? Fold { get; set; }

    public object Copy() => new StreamView<TState> { Fold = Fold };
}

/// <summary>A grain view Orleans may copy by re-holding its immutable parts.</summary>
public interface ICopyableView
{
    object Copy();
}
