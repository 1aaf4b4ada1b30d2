using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.IntegrationTests.EventStore;

/// <summary>A writer that takes a position and commits late: its transaction holds a hole in the log until it writes an
/// incident report there (or rolls back). For the tests of what readers and projections do at such a hole.</summary>
internal sealed class SlowWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private SlowWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, long hole) =>
        (_connection, _transaction, Hole) = (connection, transaction, hole);

    /// <summary>The position it holds.</summary>
    public long Hole { get; }

    public static async Task<SlowWriter> HoldAsync(NpgsqlDataSource writers)
    {
        var connection = await writers.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var allocate = new NpgsqlCommand("SELECT first_position FROM ledger.allocate_positions(1)", connection, transaction);
        return new SlowWriter(connection, transaction, (long)(await allocate.ExecuteScalarAsync())!);
    }

    /// <summary>An incident report at the held position, then COMMIT.</summary>
    public async Task CommitReportAsync(string incident)
    {
        var reported = new IncidentReported(incident, "Late commit", new Occurrence(new DateOnly(2024, 1, 9)), new Location("SY", "sy04"), "attack", null, null);
        var late = Events.Make(EventTypes.Ledger.NameOf(reported), EventTypes.Ledger.Serialize(reported));
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO ledger.mt_streams (id, version, timestamp, created) VALUES (@stream, 1, now(), now());
            INSERT INTO ledger.mt_events (seq_id, id, stream_id, version, type, data, timestamp, user_name, headers, mt_dotnet_type)
            VALUES (@hole, @id, @stream, 1, @type, @data::jsonb, now(), 'late', '{"hash": "00"}', @dotnet)
            """, _connection, _transaction))
        {
            insert.Parameters.AddWithValue("stream", IncidentDecider.Kind.StreamFor(incident));
            insert.Parameters.AddWithValue("hole", Hole);
            insert.Parameters.AddWithValue("id", late.EventId);
            insert.Parameters.AddWithValue("type", late.Type);
            insert.Parameters.AddWithValue("data", late.Data);
            insert.Parameters.AddWithValue("dotnet", MartenEvents.DotnetTypeOf(late.Type));
            await insert.ExecuteNonQueryAsync();
        }
        await _transaction.CommitAsync();
    }

    public Task RollbackAsync() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
