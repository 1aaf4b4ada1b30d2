using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>Positions without an event: refused and repeated appends take none; a write that rolls back records the
/// ones it leaves; and verify names every other gap, which is what deleting an event leaves.</summary>
public sealed class PositionGapTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static string Stream(string what) => $"gap-{what}-{Guid.NewGuid():N}";

    private Task<long> Recorded(string reason, long first, long last) => db.ScalarAsync(
        $"SELECT count(*) FROM ledger.position_gaps WHERE reason = '{reason}' AND first_position = {first} AND last_position = {last}");

    [Fact]
    public async Task A_refused_or_repeated_append_takes_no_position_and_leaves_no_gap()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var (kept, stale, retried) = (Stream("kept"), Stream("stale"), Stream("retried"));
        await store.AppendAsync(Events.Append(stale, 0, Events.Make()));
        var retry = Events.Append(retried, 0, Events.Make());
        await store.AppendAsync(retry);
        var head = await store.HeadPositionAsync();
        var outcomes = await store.AppendManyAsync([Events.Append(kept, 0, Events.Make()), Events.Append(stale, 0, Events.Make(), Events.Make()), retry]);
        outcomes[0].Error.Should().BeNull();
        outcomes[1].Error.Should().BeOfType<WrongExpectedVersionException>();
        outcomes[2].Result!.Duplicate.Should().BeTrue();
        var refusedAlone = await store.AppendManyAsync([Events.Append(stale, 0, Events.Make())]);
        refusedAlone[0].Error.Should().BeOfType<WrongExpectedVersionException>();
        var after = await store.AppendAsync(Events.Append(Stream("after"), 0, Events.Make()));

        after.FirstPosition.Should().Be(head + 2, "the kept event took one position, and the refusals and the retry none");
        (await db.ScalarAsync($"SELECT count(*) FROM ledger.position_gaps WHERE last_position > {head}")).Should().Be(0);
        (await store.VerifyAsync()).Gaps.Where(g => g.Last > head).Should().BeEmpty("(another test of this class deletes events of its own below)");
    }

    [Fact]
    public async Task A_refused_append_does_not_hold_the_daemon_below_its_stale_threshold()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var daemon = await db.IncidentDaemonAsync();
        var stale = "incident-" + Guid.NewGuid().ToString("N");
        await store.AppendAsync(Events.Append(stale, 0, Events.Make()));
        (await daemon.WaitForAsync(await store.HeadPositionAsync(), TimeSpan.FromSeconds(20))).Should().BeTrue();

        // A stale append beside a kept one, then a later event: a hole between them would hold the daemon for its stale
        // threshold (3 s) and a liveness probe.
        var outcomes = await store.AppendManyAsync([Events.Append(stale, 0, Events.Make()), Events.Append(Stream("beside"), 0, Events.Make())]);
        outcomes[0].Error.Should().BeOfType<WrongExpectedVersionException>();
        var last = await store.AppendAsync(Events.Append(Stream("later"), 0, Events.Make()));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        (await daemon.WaitForAsync(last.LastPosition, TimeSpan.FromSeconds(20))).Should().BeTrue();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "no position was left unused, so nothing waits for one");
    }

    [Fact]
    public async Task A_write_that_rolls_back_leaves_its_positions_recorded()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var doomed = Stream("doomed");
        // As the owner: a trigger that fails this one stream's insert, so its transaction rolls back after its
        // positions were taken.
        await db.ExecuteAsync($$"""
            CREATE FUNCTION ledger.fail_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.stream_id = '{{doomed}}' THEN RAISE EXCEPTION 'doomed'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER fail_doomed BEFORE INSERT ON ledger.mt_events FOR EACH ROW EXECUTE FUNCTION ledger.fail_doomed();
            """);
        var head = await store.HeadPositionAsync();
        try
        {
            await FluentActions.Awaiting(() => store.AppendAsync(Events.Append(doomed, 0, Events.Make(), Events.Make(), Events.Make())))
                .Should().ThrowAsync<Npgsql.PostgresException>();
        }
        finally
        {
            await db.ExecuteAsync("DROP TRIGGER fail_doomed ON ledger.mt_events; DROP FUNCTION ledger.fail_doomed()");
        }
        await store.AppendAsync(Events.Append(Stream("after"), 0, Events.Make()));

        (await Recorded("rolled-back", head + 1, head + 3)).Should().Be(1);
        (await store.VerifyAsync()).Gaps.Should().BeEmpty();
    }

    [Fact]
    public async Task An_event_deleted_by_the_owner_leaves_a_gap_that_verify_names()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var victim = Stream("victim");
        await store.AppendAsync(Events.Append(victim, 0, Events.Make()));
        var position = await store.HeadPositionAsync();
        await store.AppendAsync(Events.Append(Stream("after"), 0, Events.Make()));
        // The whole stream goes, head row and all: every remaining stream's chain is intact.
        await db.RewriteAsOwnerAsync($"DELETE FROM ledger.mt_events WHERE stream_id = '{victim}'; DELETE FROM ledger.mt_streams WHERE id = '{victim}'");

        var report = await store.VerifyAsync();
        report.Broken.Should().BeEmpty();
        report.Gaps.Should().Contain(new PositionGap(position, position));
        report.Ok.Should().BeFalse();
    }

    [Fact]
    public async Task A_long_transaction_in_another_database_does_not_hide_a_deleted_event_from_verify()
    {
        // Another database on the cluster, with a transaction open (and given an id) before the events below.
        await using var other = new PostgresDatabase();
        await other.InitializeAsync();
        await using var elsewhere = await other.DataSource.OpenConnectionAsync();
        await using var open = await elsewhere.BeginTransactionAsync();
        await using (var xid = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", elsewhere, open)) await xid.ExecuteScalarAsync();

        await using var store = new MartenEventStore(db.DataSource);
        var victim = Stream("victim-elsewhere");
        await store.AppendAsync(Events.Append(victim, 0, Events.Make()));
        var position = await store.HeadPositionAsync();
        await store.AppendAsync(Events.Append(Stream("after-elsewhere"), 0, Events.Make()));
        await db.RewriteAsOwnerAsync($"DELETE FROM ledger.mt_events WHERE stream_id = '{victim}'; DELETE FROM ledger.mt_streams WHERE id = '{victim}'");

        (await store.VerifyAsync()).Gaps.Should().Contain(new PositionGap(position, position),
            "a transaction of another database can fill no position here");
        await open.RollbackAsync();
    }
}
