using Ledger.EventStore;

namespace Ledger.IntegrationTests;

public sealed class TamperDetectionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private async Task Tamper(string sql) => await db.ExecuteAsync($"""
        ALTER TABLE ledger.events DISABLE TRIGGER events_immutable;
        {sql};
        ALTER TABLE ledger.events ENABLE TRIGGER events_immutable;
        """);

    [Fact]
    public async Task Verify_names_the_first_broken_event_or_head_of_each_tampered_stream_and_nothing_else()
    {
        await using var store = new PostgresEventStore(db.DataSource);
        var streams = Enumerable.Range(0, 6).Select(i => $"incident-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var s in streams)
            await store.AppendAsync(Events.Append(s, 0, Enumerable.Range(0, 5).Select(_ => Events.Make()).ToArray()));
        var clean = await store.VerifyAsync();
        clean.Ok.Should().BeTrue();
        clean.StreamsChecked.Should().Be(6);
        clean.EventsChecked.Should().Be(30);

        await Tamper($"UPDATE ledger.events SET data = jsonb_set(data, '{{n}}', '999999') WHERE stream_id = '{streams[0]}' AND version = 2");
        await Tamper($"DELETE FROM ledger.events WHERE stream_id = '{streams[1]}' AND version = 3");
        await Tamper($"UPDATE ledger.events SET recorded_by = 'forger' WHERE stream_id = '{streams[2]}' AND version = 1");
        await Tamper($"UPDATE ledger.events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = '{streams[3]}' AND version = 5");
        // Rewriting an event and its hash still breaks the link to the next event.
        await Tamper($"""
            UPDATE ledger.events SET data = '{"{"}"n": 1{"}"}', hash = sha256('forged'::bytea) WHERE stream_id = '{streams[4]}' AND version = 4
            """);
        // The head row is what the next append chains from: it must agree with the events.
        await db.ExecuteAsync($"UPDATE ledger.streams SET version = 1 WHERE stream_id = '{streams[5]}'");

        var report = await store.VerifyAsync();
        report.Ok.Should().BeFalse();
        report.Broken.Select(b => (b.StreamId, b.Version)).Should().BeEquivalentTo(new[]
        {
            (streams[0], 2L), (streams[1], 3L), (streams[2], 1L), (streams[3], 5L), (streams[4], 4L), (streams[5], 5L),
        });
        report.Broken.Single(b => b.StreamId == streams[5]).Reason.Should().Contain("head row");
        report.Broken.Single(b => b.StreamId == streams[1]).Reason.Should().Contain("missing");
        report.Broken.Where(b => b.StreamId != streams[1] && b.StreamId != streams[5]).Should().OnlyContain(b => b.EventId != null);
    }
}
