using Ledger.EventStore;
using Ledger.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections;

/// <summary>
/// Marten's daemon can pass a position a live writer still holds: its liveness probe dates a gap from its snapshot but
/// reads the sequence later, so a position allocated in between looks abandoned (seen under CPU load,
/// DaemonLateCommitTests). A page is therefore checked before it is projected. Where a position below its last event
/// holds nothing, the page waits until no writer older than the one of its last event is still open (page_settled.sql:
/// every writer holds mt_events' ROW EXCLUSIVE lock from allocation to commit, and older writers hold lower positions),
/// then takes in the events committed there late, in position order. A projection thus
/// never passes an event, whatever the daemon's mark did. The check is one count over the primary key a page.
/// </summary>
/// <param name="projection">The projection's name: its first page after a start is checked from its committed progress.</param>
public sealed class PageGaps(NpgsqlDataSource db, string projection, IReadOnlyList<Type>? types, TimeProvider? clock = null)
{
    private readonly string[]? _types = types?.Select(t => EventTypes.Ledger.All.First(n => n.Type == t).Name).ToArray();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long? _last;

    /// <summary>How long a page waited for a hole to settle, in total (the ledger's metrics report it).</summary>
    public TimeSpan Waited { get; private set; }

    /// <summary>The page, with any event committed late inside its range; waits while a hole there may still fill.</summary>
    public async Task<IReadOnlyList<ProjectedEvent>> CompleteAsync(IReadOnlyList<ProjectedEvent> page, CancellationToken ct)
    {
        if (page.Count == 0) return page;
        var last = page[^1].Position;
        // From the last event projected before, or after a start from the progress committed (a position passed since
        // may have filled late); never above the page's first event (after a rebuild the memory is of a later point).
        _last ??= await ProgressAsync(ct);
        var floor = Math.Min(_last.Value, page[0].Position - 1);
        _last = last;
        if (await RowsAsync(floor, last, ct) == last - floor) return page;

        var started = _clock.GetTimestamp();
        for (var delay = TimeSpan.FromMilliseconds(20); !await SettledAsync(last, ct); delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500)))
            await Task.Delay(delay, _clock, ct);
        Waited += _clock.GetElapsedTime(started);
        var late = await LateAsync(floor, last, page.Select(e => e.Position).ToArray(), ct);
        return late.Count == 0 ? page : [.. page.Concat(late).OrderBy(e => e.Position)];
    }

    private async Task<bool> SettledAsync(long last, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("page_settled.sql"));
        cmd.Parameters.AddWithValue("last", last);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<long> ProgressAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("shard_progress.sql"));
        cmd.Parameters.AddWithValue("name", projection);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<long> RowsAsync(long floor, long last, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("page_rows.sql"));
        cmd.Parameters.AddWithValue("floor", floor);
        cmd.Parameters.AddWithValue("last", last);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<List<ProjectedEvent>> LateAsync(long floor, long last, long[] known, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("page_late_events.sql"));
        cmd.Parameters.AddWithValue("floor", floor);
        cmd.Parameters.AddWithValue("last", last);
        cmd.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)_types ?? DBNull.Value });
        cmd.Parameters.AddWithValue("known", known);
        var late = new List<ProjectedEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var e = MartenEventStore.ReadEvent(r);
            late.Add(new ProjectedEvent(e.Position, e.StreamId, e.Version, e.Type, EventTypes.Ledger.Deserialize(e.Type, e.Data), e.RecordedAt, e.RecordedBy));
        }
        return late;
    }
}
