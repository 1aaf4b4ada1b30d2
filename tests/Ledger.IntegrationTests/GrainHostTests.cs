using System.Collections.Concurrent;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;

namespace Ledger.IntegrationTests;

public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> Enter();
}

/// <summary>Records how many calls run inside it at once, and how many times each key was activated.</summary>
public sealed class ProbeGrain : Grain, IProbeGrain
{
    public static readonly ConcurrentDictionary<string, int> Activations = new();
    public static int Inside;
    public static int MostInside;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        Activations.AddOrUpdate(GrainKey, 1, (_, n) => n + 1);
        return Task.Delay(20, ct); // a slow activation widens any race between first callers
    }

    public async Task<int> Enter()
    {
        var now = Interlocked.Increment(ref Inside);
        int seen;
        while ((seen = Volatile.Read(ref MostInside)) < now && Interlocked.CompareExchange(ref MostInside, now, seen) != seen) { }
        await Task.Delay(2);
        Interlocked.Decrement(ref Inside);
        return now;
    }
}

internal sealed class ProbeGrainReference(GrainHost host, string key) : IProbeGrain
{
    public Task<int> Enter() => host.InvokeAsync<ProbeGrain, int>(key, g => g.Enter());
}

public sealed class GrainHostTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly GrainHostOptions Manual = new() { CollectionInterval = Timeout.InfiniteTimeSpan, IdleTimeout = TimeSpan.Zero };

    [Fact]
    public async Task One_activation_per_key_and_one_call_at_a_time_on_it()
    {
        await using var store = new PostgresEventStore(db.DataSource);
        await using var host = new GrainHost(store, Manual)
            .AddGrain<IProbeGrain, ProbeGrain>(() => new ProbeGrain(), (h, k) => new ProbeGrainReference(h, k));
        var key = "probe-" + Guid.NewGuid().ToString("N");

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => host.GetGrain<IProbeGrain>(key).Enter())));

        ProbeGrain.Activations[key].Should().Be(1);
        ProbeGrain.MostInside.Should().Be(1);
        host.ActivationCount.Should().Be(1);
    }

    [Fact]
    public async Task Idle_activations_are_deactivated_and_reactivate_from_their_stream()
    {
        await using var node = new LedgerNode(db, Manual);
        var id = "bus-" + Guid.NewGuid().ToString("N")[..8];
        await node.Incident(id).Handle(LedgerNode.Report(id), new CommandMetadata("reporter"));
        node.Host.ActivationCount.Should().Be(1);

        (await node.Host.CollectIdleAsync()).Should().Be(1);
        node.Host.ActivationCount.Should().Be(0);

        var state = await node.Incident(id).GetState();
        state.Version.Should().Be(1);
        state.State.Title.Should().Be(LedgerNode.Report(id).Title);
        (await node.Incident(id).Handle(new RetractIncident("duplicate"), new CommandMetadata("editor"))).Version.Should().Be(2);
    }

    [Fact]
    public async Task Live_activations_are_capped_by_evicting_the_least_recently_used()
    {
        await using var node = new LedgerNode(db, new GrainHostOptions { MaxActivations = 20, CollectionInterval = Timeout.InfiniteTimeSpan });
        var ids = Enumerable.Range(0, 60).Select(i => $"cap-{i}-{Guid.NewGuid():N}"[..20]).ToList();
        foreach (var id in ids) await node.Incident(id).Handle(LedgerNode.Report(id), new CommandMetadata("reporter"));

        await WaitUntil(() => node.Host.ActivationCount <= 20);
        // Evicted grains answer again, with their state reloaded.
        foreach (var id in ids.Take(5)) (await node.Incident(id).GetState()).Version.Should().Be(1);
    }

    [Fact]
    public async Task Appends_that_arrive_together_share_one_transaction()
    {
        await using var node = new LedgerNode(db);
        var ids = Enumerable.Range(0, 32).Select(i => $"gc-{i}-{Guid.NewGuid():N}"[..20]).ToList();
        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            await node.Incident(id).Handle(LedgerNode.Report(id), new CommandMetadata("reporter"));
            for (var i = 0; i < 20; i++)
                await node.Incident(id).Handle(new CorrectIncident($"fix {i}", Type: $"type-{i}"), new CommandMetadata("editor"));
        })));

        node.Store.MeanBatchSize.Should().BeGreaterThan(2, "32 grains appending at once should share commits");
        foreach (var id in ids) (await node.Store.ReadStreamAsync(IncidentGrain.StreamFor(id))).Should().HaveCount(21);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        condition().Should().BeTrue();
    }
}
