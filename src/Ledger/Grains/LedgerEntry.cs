using Ledger.EventStore;

namespace Ledger.Grains;

/// <summary>
/// One event as a journaled grain raises it: the domain event with the id that makes its append idempotent and
/// the metadata it is stored with. <see cref="Context"/> (version, position, recordedAt) is only known once the
/// store has committed it: storage fills it in before Orleans folds the entry into the confirmed state.
/// </summary>
public sealed class LedgerEntry<TEvent>(TEvent @event, EventData stored, EventContext? context = null)
    where TEvent : class
{
    public TEvent Event { get; } = @event;
    /// <summary>The event as the write path serialised it, with its id and metadata: what storage appends.</summary>
    public EventData Stored { get; } = stored;
    public Guid EventId => Stored.EventId;
    public EventMetadata Metadata => Stored.Metadata;
    public EventContext? Context { get; internal set; } = context;

    /// <summary>Sent to the store at least once: a later answer of "already stored" is our own lost answer.</summary>
    internal bool Sent { get; set; }

    /// <summary>The store already held this event (the same command id, written by an import or another node): it is
    /// not folded again, and the command answers as a duplicate.</summary>
    public bool StoredBefore { get; internal set; }

    /// <summary>The store failed and could not say whether the entry landed: it is not folded, and the grain
    /// re-reads its stream before it answers again.</summary>
    public Exception? Failure { get; internal set; }
}
