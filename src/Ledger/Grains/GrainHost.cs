using System.Collections.Concurrent;
using Ledger.EventStore;
using Ledger.Serialization;

namespace Ledger.Grains;

public sealed record GrainHostOptions
{
    /// <summary>An activation unused this long is deactivated.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>The most live activations; past it the least recently used idle ones go.</summary>
    public int MaxActivations { get; init; } = 100_000;
    public TimeSpan CollectionInterval { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Our stand-in for an Orleans silo: at most one activation per grain key in this process, one call at a
/// time per activation, state loaded on activation, idle deactivation and an LRU cap on live activations.
/// Several hosts may share one database; the store's expected versions keep them honest.
/// </summary>
public sealed class GrainHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Activation> _activations = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Func<Grain>> _factories = [];
    private readonly Dictionary<Type, Func<GrainHost, string, object>> _references = [];
    private readonly IEventStore _store;
    private readonly EventTypes _eventTypes;
    private readonly TimeProvider _clock;
    private readonly GrainHostOptions _options;
    private readonly ITimer _collector;
    private int _evicting;

    public GrainHost(IEventStore store, GrainHostOptions? options = null, TimeProvider? clock = null, EventTypes? eventTypes = null)
    {
        _store = store;
        _options = options ?? new GrainHostOptions();
        _clock = clock ?? TimeProvider.System;
        _eventTypes = eventTypes ?? EventTypes.Ledger;
        _collector = _clock.CreateTimer(_ => _ = CollectIdleAsync(), null, _options.CollectionInterval, _options.CollectionInterval);
    }

    public int ActivationCount => _activations.Count;

    /// <summary>Registers a grain class and the reference type callers get for its interface.</summary>
    public GrainHost AddGrain<TInterface, TGrain>(Func<TGrain> factory, Func<GrainHost, string, TInterface> reference)
        where TGrain : Grain, TInterface where TInterface : IGrainWithStringKey
    {
        _factories[typeof(TGrain)] = factory;
        _references[typeof(TInterface)] = (host, key) => reference(host, key)!;
        return this;
    }

    public TInterface GetGrain<TInterface>(string key) where TInterface : IGrainWithStringKey =>
        _references.TryGetValue(typeof(TInterface), out var make)
            ? (TInterface)make(this, key)
            : throw new InvalidOperationException($"no grain registered for {typeof(TInterface).Name}");

    /// <summary>Runs one call on the grain's activation, in its turn, activating it first if need be.</summary>
    public async Task<TResult> InvokeAsync<TGrain, TResult>(string key, Func<TGrain, Task<TResult>> call) where TGrain : Grain
    {
        var id = typeof(TGrain).Name + "/" + key;
        while (true)
        {
            var activation = _activations.GetOrAdd(id, _ => new Activation(_factories[typeof(TGrain)](), _clock.GetTimestamp()));
            if (_activations.Count > _options.MaxActivations) _ = Task.Run(EvictLeastRecentlyUsedAsync);
            Interlocked.Increment(ref activation.Callers);
            await activation.Turn.WaitAsync();
            try
            {
                if (activation.Deactivated) continue; // collected while we waited: take a fresh activation
                if (!activation.Activated)
                {
                    activation.Grain.Context = new GrainContext(key, _store, _eventTypes, _clock);
                    try { await activation.Grain.OnActivateAsync(CancellationToken.None); }
                    catch
                    {
                        activation.Deactivated = true;
                        _activations.TryRemove(new KeyValuePair<string, Activation>(id, activation));
                        throw;
                    }
                    activation.Activated = true;
                }
                return await call((TGrain)activation.Grain);
            }
            finally
            {
                activation.LastUsed = _clock.GetTimestamp();
                activation.Turn.Release();
                Interlocked.Decrement(ref activation.Callers);
            }
        }
    }

    /// <summary>Deactivates every activation idle for longer than the idle timeout.</summary>
    public async Task<int> CollectIdleAsync()
    {
        var cutoff = _clock.GetTimestamp() - (long)(_options.IdleTimeout.TotalSeconds * _clock.TimestampFrequency);
        var collected = 0;
        foreach (var (id, activation) in _activations)
            if (activation.LastUsed <= cutoff && await TryDeactivateAsync(id, activation)) collected++;
        return collected;
    }

    private async Task EvictLeastRecentlyUsedAsync()
    {
        if (Interlocked.Exchange(ref _evicting, 1) == 1) return;
        try
        {
            var excess = _activations.Count - _options.MaxActivations;
            if (excess <= 0) return;
            // Evict a tenth more than needed, so that eviction does not run on every new activation.
            var target = excess + _options.MaxActivations / 10;
            foreach (var (id, activation) in _activations.ToArray().OrderBy(a => a.Value.LastUsed))
            {
                if (target <= 0) break;
                if (await TryDeactivateAsync(id, activation)) target--;
            }
        }
        finally { Volatile.Write(ref _evicting, 0); }
    }

    private async Task<bool> TryDeactivateAsync(string id, Activation activation)
    {
        if (Volatile.Read(ref activation.Callers) > 0 || !activation.Turn.Wait(0)) return false;
        try
        {
            if (activation.Deactivated || Volatile.Read(ref activation.Callers) > 0) return false;
            activation.Deactivated = true;
            _activations.TryRemove(new KeyValuePair<string, Activation>(id, activation));
            if (activation.Activated) await activation.Grain.OnDeactivateAsync();
            return true;
        }
        finally { activation.Turn.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        await _collector.DisposeAsync();
        foreach (var (id, activation) in _activations) await TryDeactivateAsync(id, activation);
    }

    private sealed class Activation(Grain grain, long created)
    {
        public readonly Grain Grain = grain;
        public readonly SemaphoreSlim Turn = new(1, 1);
        public int Callers;
        public long LastUsed = created;
        public bool Activated;
        public bool Deactivated;
    }
}
