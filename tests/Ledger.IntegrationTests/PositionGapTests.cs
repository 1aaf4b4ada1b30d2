using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>Positions without an event: the store records the ones it leaves (a batch's refused appends, a write
/// that rolled back), and verify names every other gap, which is what deleting an event leaves.</summary>
public sealed class PositionGapTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static string Stream(string what) => $"gap-{what}-{Guid.NewGuid():N}";

    private Task<long> Recorded(string reason, long first, long last) => db.ScalarAsync(
        $"SELECT count(*) FROM ledger.position_gaps WHERE reason = '{reason}' AND first_position = {first} AND last_position = {last}");

    [Fact]
    public async Task A_refused_append_leaves_its_positions_recorded_and_verify_passes()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var (kept, stale) = (Stream("kept"), Stream("stale"));
        await store.AppendAsync(Events.Append(stale, 0, Events.Make()));
        var head = await store.HeadPositionAsync();
        var outcomes = await store.AppendManyAsync([Events.Append(kept, 0, Events.Make()), Events.Append(stale, 0, Events.Make(), Events.Make())]);
        outcomes[0].Error.Should().BeNull();
        outcomes[1].Error.Should().BeOfType<WrongExpectedVersionException>();
        await store.AppendAsync(Events.Append(Stream("after"), 0, Events.Make())); // the gap now lies below a settled event

        (await Recorded("refused", head + 2, head + 3)).Should().Be(1, "the stale append's two positions, after the kept event's");
        var report = await store.VerifyAsync();
        report.Gaps.Should().BeEmpty();
        report.RecordedGapPositions.Should().BeGreaterThanOrEqualTo(2);
        report.Ok.Should().BeTrue();
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
