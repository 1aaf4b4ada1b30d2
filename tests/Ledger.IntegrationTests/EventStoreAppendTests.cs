using System.Text.Json.Nodes;
using Ledger.EventStore;

namespace Ledger.IntegrationTests;

public sealed class EventStoreAppendTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private MartenEventStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new MartenEventStore(db.DataSource);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Appends_number_versions_from_one_without_gaps_and_positions_strictly_increase()
    {
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        var first = await _store.AppendAsync(Events.Append(stream, 0, Events.Make(), Events.Make()));
        var second = await _store.AppendAsync(Events.Append(stream, 2, Events.Make()));

        first.Version.Should().Be(2);
        second.Version.Should().Be(3);
        second.FirstPosition.Should().BeGreaterThan(first.LastPosition);
        var read = await _store.ReadStreamAsync(stream);
        read.Select(e => e.Version).Should().Equal(1, 2, 3);
        read.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (await _store.ReadStreamAsync(stream, fromVersion: 3)).Should().ContainSingle().Which.Version.Should().Be(3);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_typed_error_and_stores_nothing()
    {
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        await _store.AppendAsync(Events.Append(stream, 0, Events.Make()));

        var stale = () => _store.AppendAsync(Events.Append(stream, 0, Events.Make()));
        var error = (await stale.Should().ThrowAsync<WrongExpectedVersionException>()).Which;
        error.Expected.Should().Be(0);
        error.Actual.Should().Be(1);

        var ahead = () => _store.AppendAsync(Events.Append(stream, 5, Events.Make()));
        await ahead.Should().ThrowAsync<WrongExpectedVersionException>();
        (await _store.ReadStreamAsync(stream)).Should().HaveCount(1);
    }

    [Fact]
    public async Task Re_appending_the_same_events_succeeds_and_stores_nothing_twice()
    {
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        var events = new[] { Events.Make(), Events.Make() };
        var first = await _store.AppendAsync(Events.Append(stream, 0, events));
        var before = await db.ScalarAsync("SELECT count(*) FROM ledger.events");

        // A retry after a timeout whose commit did land: same ids, same expected version.
        var retry = await _store.AppendAsync(Events.Append(stream, 0, events));

        retry.Duplicate.Should().BeTrue();
        retry.Version.Should().Be(first.Version);
        retry.FirstPosition.Should().Be(first.FirstPosition);
        retry.LastPosition.Should().Be(first.LastPosition);
        (await db.ScalarAsync("SELECT count(*) FROM ledger.events")).Should().Be(before);
    }

    [Fact]
    public async Task Data_that_jsonb_reorders_and_respaces_still_counts_as_the_same_event()
    {
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        var e = Events.Make(data: """{"zeta":1.50,"alpha":{"b":[1,2],"a":"é"}}""");
        await _store.AppendAsync(Events.Append(stream, 0, e));
        var retry = await _store.AppendAsync(Events.Append(stream, 0, e with { Data = """{ "alpha": {"a": "\u00e9", "b": [1, 2]}, "zeta": 1.5 }""" }));
        retry.Duplicate.Should().BeTrue();
    }

    [Fact]
    public async Task The_same_event_id_with_other_content_or_in_another_stream_is_refused()
    {
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        var e = Events.Make(data: """{"n":1}""");
        await _store.AppendAsync(Events.Append(stream, 0, e));

        var otherContent = () => _store.AppendAsync(Events.Append(stream, 0, e with { Data = """{"n":2}""" }));
        var refused = (await otherContent.Should().ThrowAsync<EventIdConflictException>()).Which;
        refused.EventId.Should().Be(e.EventId);
        refused.Message.Should().Contain("with other content");

        var otherStream = () => _store.AppendAsync(Events.Append(stream + "-b", 0, e));
        (await otherStream.Should().ThrowAsync<EventIdConflictException>()).Which.Message.Should().Contain($"in stream {stream}");

        var partlyNew = () => _store.AppendAsync(Events.Append(stream, 1, e, Events.Make()));
        (await partlyNew.Should().ThrowAsync<EventIdConflictException>()).Which.Message.Should().Contain("a retry must resend exactly the same events");
        (await _store.ReadStreamAsync(stream)).Should().HaveCount(1);
        (await _store.ReadStreamAsync(stream + "-b")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_retry_that_resends_stored_events_in_another_order_is_refused()
    {
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        var (a, b) = (Events.Make(), Events.Make());
        await _store.AppendAsync(Events.Append(stream, 0, a, b));

        var reordered = () => _store.AppendAsync(Events.Append(stream, 0, b, a));
        var refused = (await reordered.Should().ThrowAsync<EventIdConflictException>()).Which;
        refused.EventId.Should().Be(a.EventId);
        refused.Message.Should().Contain("in another order");
        (await _store.ReadStreamAsync(stream)).Select(e => e.EventId).Should().Equal(a.EventId, b.EventId);
    }

    [Fact]
    public async Task Every_event_carries_server_time_recorder_correlation_causation_and_a_hash()
    {
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var e = new EventData(Guid.NewGuid(), "Noted", """{"n":1}""", new EventMetadata("newsroom-key", "corr-42", "cmd-7"));
        await _store.AppendAsync(Events.Append(stream, 0, e));

        var stored = (await _store.ReadStreamAsync(stream)).Single();
        stored.EventId.Should().Be(e.EventId);
        stored.RecordedBy.Should().Be("newsroom-key");
        stored.CorrelationId.Should().Be("corr-42");
        stored.CausationId.Should().Be("cmd-7");
        stored.RecordedAt.Should().BeAfter(before).And.BeBefore(DateTimeOffset.UtcNow.AddSeconds(5));
        stored.Hash.Should().HaveCount(32);
        stored.Hash.Should().Equal(EventHash.Compute(EventHash.Genesis, e.EventId, stream, 1, "Noted", """{"n":1}""",
            stored.RecordedAt, "newsroom-key", "corr-42", "cmd-7"));
    }

    [Fact]
    public async Task A_batch_large_enough_for_COPY_stores_every_column_as_small_batches_do()
    {
        // 250 events in one append go through binary COPY (200 or more); the same contents in appends of 50 go through
        // INSERT. Every column but the ids, positions and times must come out the same, metadata present or absent.
        var known = Ledger.Serialization.EventTypes.Ledger.All.First().Name;
        EventData Content(int i) => new(Guid.NewGuid(), i % 2 == 0 ? known : "Noted", $$"""{"i": {{i}}, "text": "x"}""",
            new EventMetadata($"key-{i % 3}", i % 4 == 0 ? null : $"corr-{i}", i % 5 == 0 ? null : $"cmd-{i}"));
        var contents = Enumerable.Range(0, 250).Select(Content).ToList();
        var copied = "incident-" + Guid.NewGuid().ToString("N");
        var inserted = "incident-" + Guid.NewGuid().ToString("N");

        var result = await _store.AppendAsync(Events.Append(copied, 0, [.. contents]));
        for (var from = 0; from < contents.Count; from += 50)
            await _store.AppendAsync(Events.Append(inserted, from, [.. contents.Skip(from).Take(50).Select(e => e with { EventId = Guid.NewGuid() })]));

        var copyRows = await RowsAsync(copied);
        var insertRows = await RowsAsync(inserted);
        copyRows.Should().HaveCount(250);
        copyRows.Select(r => r.Position).Should().Equal(Enumerable.Range(0, 250).Select(i => result.FirstPosition + i));
        copyRows.Select(r => r.Id).Should().Equal(contents.Select(e => e.EventId));
        copyRows.Should().OnlyContain(r => r.Time == result.RecordedAt);
        copyRows.Select(r => r.DotnetType).Should().Equal(contents.Select(e => MartenEvents.DotnetTypeOf(e.Type)));
        copyRows.Select(r => r.DotnetType).Should().Contain(t => t.Length > 0, "a known type names its .NET type");
        copyRows.Select(r => r.Same).Should().Equal(insertRows.Select(r => r.Same));
        var stored = await _store.ReadStreamAsync(copied);
        for (var i = 0; i < stored.Count; i++)
            JsonNode.DeepEquals(JsonNode.Parse(copyRows[i].Headers), JsonNode.Parse(MartenEvents.Headers(stored[i].Hash, contents[i].Metadata.CausationId)))
                .Should().BeTrue($"the headers of v{i + 1} hold its hash and command");
    }

    private sealed record Row(long Position, Guid Id, DateTimeOffset Time, string DotnetType, string Headers, string Same);

    private async Task<List<Row>> RowsAsync(string stream)
    {
        await using var cmd = db.DataSource.CreateCommand(
            """
            SELECT seq_id, id, timestamp, mt_dotnet_type, headers::text,
                   concat_ws('|', version, type, data::text, user_name, coalesce(correlation_id, '-'), coalesce(causation_id, '-'),
                             mt_dotnet_type, tenant_id, is_archived)
            FROM ledger.mt_events WHERE stream_id = $1 ORDER BY version
            """);
        cmd.Parameters.AddWithValue(stream);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await r.ReadAsync())
            rows.Add(new Row(r.GetInt64(0), r.GetGuid(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4), r.GetString(5)));
        return rows;
    }

    [Fact]
    public async Task In_one_transaction_a_conflict_on_one_stream_does_not_fail_the_others()
    {
        var a = "incident-" + Guid.NewGuid().ToString("N");
        var b = "incident-" + Guid.NewGuid().ToString("N");
        await _store.AppendAsync(Events.Append(a, 0, Events.Make()));

        var outcomes = await _store.AppendManyAsync([
            Events.Append(a, 0, Events.Make()),           // stale
            Events.Append(b, 0, Events.Make(), Events.Make()),
            Events.Append(b, 2, Events.Make()),           // follows the previous append in the same batch
        ]);

        outcomes[0].Error.Should().BeOfType<WrongExpectedVersionException>();
        outcomes[1].Result!.Version.Should().Be(2);
        outcomes[2].Result!.Version.Should().Be(3);
        (await _store.ReadStreamAsync(a)).Should().HaveCount(1);
        (await _store.ReadStreamAsync(b)).Select(e => e.Version).Should().Equal(1, 2, 3);
        (await _store.VerifyAsync()).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task In_one_batch_a_stale_stream_and_a_repeated_command_get_their_own_answers_and_every_other_command_lands()
    {
        var stale = "incident-" + Guid.NewGuid().ToString("N");
        var repeated = "incident-" + Guid.NewGuid().ToString("N");
        var others = Enumerable.Range(0, 6).Select(_ => "incident-" + Guid.NewGuid().ToString("N")).ToList();
        await _store.AppendAsync(Events.Append(stale, 0, Events.Make()));
        var first = Events.Append(repeated, 0, Events.Make(causation: "cmd-1"), Events.Make(causation: "cmd-1"));
        var landed = await _store.AppendAsync(first);

        var batch = new List<StreamAppend> { Events.Append(others[0], 0, Events.Make()), Events.Append(stale, 0, Events.Make()) };
        batch.AddRange(others.Skip(1).Take(2).Select(s => Events.Append(s, 0, Events.Make())));
        batch.Add(first); // the same command again: the same event ids
        batch.AddRange(others.Skip(3).Select(s => Events.Append(s, 0, Events.Make(), Events.Make())));
        var outcomes = await _store.AppendManyAsync(batch);

        outcomes[1].Error.Should().BeOfType<WrongExpectedVersionException>().Which.StreamId.Should().Be(stale);
        var duplicate = outcomes[4].Result!;
        duplicate.Duplicate.Should().BeTrue();
        (duplicate.FirstPosition, duplicate.LastPosition, duplicate.Version).Should().Be((landed.FirstPosition, landed.LastPosition, 2L),
            "a repeated command is answered with where it landed the first time");
        outcomes.Where((_, i) => i is not 1 and not 4).Should().OnlyContain(o => o.Error == null && !o.Result!.Duplicate);
        foreach (var s in others) (await _store.ReadStreamAsync(s)).Should().NotBeEmpty(s);
        (await _store.ReadStreamAsync(stale)).Should().ContainSingle();
        (await _store.ReadStreamAsync(repeated)).Should().HaveCount(2);
        var mine = string.Join(",", others.Append(stale).Append(repeated).Select(s => $"'{s}'"));
        (await db.ScalarAsync($"SELECT count(*) FROM ledger.mt_events WHERE stream_id IN ({mine})")).Should().Be(1 + 2 + 1 + 2 + 3 * 2);
        (await _store.VerifyAsync()).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task A_payload_the_database_refuses_fails_only_its_own_append_under_group_commit()
    {
        var good = Enumerable.Range(0, 20).Select(_ => "incident-" + Guid.NewGuid().ToString("N")).ToList();
        var bad = "incident-" + Guid.NewGuid().ToString("N");
        // jsonb cannot hold U+0000: the whole batch transaction fails, and the store must retry the others alone.
        var tasks = good.Select(s => _store.AppendAsync(Events.Append(s, 0, Events.Make()))).ToList();
        var refused = _store.AppendAsync(Events.Append(bad, 0, Events.Make(data: """{"text":"nul\u0000"}""")));

        await Task.WhenAll(tasks);
        await refused.Invoking(t => t).Should().ThrowAsync<Npgsql.PostgresException>();
        foreach (var s in good) (await _store.ReadStreamAsync(s)).Should().ContainSingle();
        (await _store.ReadStreamAsync(bad)).Should().BeEmpty();
    }

    [Fact]
    public async Task Read_all_pages_in_position_order()
    {
        var head = await _store.HeadPositionAsync();
        var stream = "incident-" + Guid.NewGuid().ToString("N");
        await _store.AppendAsync(Events.Append(stream, 0, Events.Make(), Events.Make(), Events.Make()));

        var page1 = await _store.ReadAllAsync(head, 2);
        var page2 = await _store.ReadAllAsync(page1[^1].Position, 2);
        page1.Select(e => e.Version).Should().Equal(1, 2);
        page2.Should().ContainSingle().Which.Version.Should().Be(3);
        (await _store.HeadPositionAsync()).Should().Be(page2[0].Position, "the head is the last event once nothing is in flight");
    }
}
