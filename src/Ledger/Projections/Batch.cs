using Ledger.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections;

/// <summary>Small helpers to send a projection's writes as one round trip of array-parameter statements.</summary>
internal static class Batch
{
    public static NpgsqlBatchCommand Command(string sqlFile, params NpgsqlParameter[] parameters)
    {
        var cmd = new NpgsqlBatchCommand(SqlText.Get(sqlFile));
        cmd.Parameters.AddRange(parameters);
        return cmd;
    }

    public static NpgsqlParameter P<T>(IEnumerable<T> values) => new() { Value = values.ToArray() };

    public static NpgsqlParameter Jsonb(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };

    public static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var c in commands) batch.BatchCommands.Add(c);
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }
}
