using Ledger.EventStore;
using Ledger.Serialization;

namespace Ledger.Grains;

/// <summary>Marker, as in Orleans: a grain addressed by a string key.</summary>
public interface IGrainWithStringKey;

/// <summary>What the host gives each activation.</summary>
public sealed record GrainContext(string Key, IEventStore Store, EventTypes EventTypes, TimeProvider Clock);

/// <summary>
/// A virtual actor: the host activates it on first call, runs one call at a time on it (turn-based), and
/// deactivates it when idle. Shaped after Orleans' Grain so that moving to Orleans is a change of base class.
/// </summary>
public abstract class Grain
{
    private GrainContext? _context;

    protected internal GrainContext Context
    {
        get => _context ?? throw new InvalidOperationException("the grain is not activated");
        internal set => _context = value;
    }

    protected string GrainKey => Context.Key;

    public virtual Task OnActivateAsync(CancellationToken ct) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync() => Task.CompletedTask;
}
