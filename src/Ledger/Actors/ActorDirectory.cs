using Ledger.EventStore;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.Actors;

/// <summary>
/// The actor registry as the log says it is, now or as of a position: the actor streams folded into an
/// <see cref="ActorIndex"/>. Actors are few and change seldom, so the present is kept in memory and folded again
/// when this node changes an actor, when a name is not found (another node may have registered it), and at most a
/// few seconds after any change elsewhere.
/// </summary>
public sealed class ActorDirectory(NpgsqlDataSource db, TimeProvider? clock = null)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private (ActorIndex Index, DateTimeOffset At)? _current;

    /// <summary>The registry now (folded again when older than a few seconds).</summary>
    public async Task<ActorIndex> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is { } c && _clock.GetUtcNow() - c.At < Freshness) return c.Index;
        return await ReloadAsync(ct);
    }

    /// <summary>The registry folded from the log now: after this node changed an actor, or when a name was not found.</summary>
    public async Task<ActorIndex> ReloadAsync(CancellationToken ct = default)
    {
        var index = await AsOfAsync(long.MaxValue, ct);
        _current = (index, _clock.GetUtcNow());
        return index;
    }

    /// <summary>The registry as it stood at <paramref name="position"/>: a read as of a point resolves names as they
    /// were then (before a merge, the merged actor still stands alone).</summary>
    public async Task<ActorIndex> AsOfAsync(long position, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("actor_events.sql"));
        cmd.Parameters.AddWithValue("prefix", ActorDecider.Kind.StreamPrefix);
        cmd.Parameters.AddWithValue("position", position);
        var events = new List<RecordedEvent>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) events.Add(MartenEventStore.ReadEvent(r));
        var logged = events.GroupBy(e => e.StreamId, StringComparer.Ordinal).Select(stream =>
            ActorDecider.Kind.Fold(stream.Select(e => ((IActorEvent)EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context)))).ToList();
        // A ledger registers the seed actors at its first start (ActorSeeding); until then, and as of a point before
        // that, the seed's actors stand as the file gives them. What the log says of an actor always wins.
        var held = logged.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return new ActorIndex(logged.Concat(SeedActors.Index.All.Where(a => !held.Contains(a.Id))));
    }
}
