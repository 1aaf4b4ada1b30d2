using JasperFx.Events.Daemon;
using Ledger.EventStore;
using Npgsql;

namespace Ledger.Projections;

public sealed partial class ReadModelDaemon
{
    /// <summary>Who holds the election's lock for <paramref name="name"/>: the application name and address of its connection.</summary>
    private async Task<string> LockHolderAsync(string name, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("daemon_lock_holder.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = LockIds(name) });
        return await cmd.ExecuteScalarAsync(ct) as string ?? "another node";
    }

    /// <summary>A node of the election holds the lock of a projection (of <paramref name="name"/>, or of any): a server
    /// runs it.</summary>
    private async Task<bool> ProjectingElsewhereAsync(CancellationToken ct, string? name = null)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("daemon_lock_held.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = LockIds(name) });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The election's lock ids, every shard's (for tests that stand in for another node).</summary>
    public IReadOnlyList<long> ElectionLockIds => LockIds(null);

    /// <summary>The advisory lock ids Marten's HotCold election takes: one per shard, from its schema, the shard's
    /// identity and the base DaemonLockId.</summary>
    private long[] LockIds(string? name) =>
        Store.Options.Projections.AllShards().Where(s => name is null || s.Name.Name == name)
            .Select(s => (long)ProjectionLockIds.Compute(Store.Options.Events.DatabaseSchemaName, s.Name, Store.Options.Projections.DaemonLockId))
            .ToArray();
}

/// <summary>Another node runs the projections: a rebuild has to go to that node (or run with every server stopped).</summary>
public sealed class ProjectingElsewhereException(string holder)
    : Exception($"the projections run on {holder}: rebuild there, or stop every server and run ledger rebuild")
{
    public string Holder { get; } = holder;
}
