using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>The chain worked out here, apart from the production code: SHA-256 of the previous hash followed by the
/// event's envelope as JSON with its keys in ordinal order and no spaces. Enough for the plain ASCII events these
/// tests write, and enough to tell whether production links each event to the one before.</summary>
internal static class IndependentChain
{
    public static byte[] Hash(byte[] previous, RecordedEvent e)
    {
        var envelope = new JsonObject
        {
            ["data"] = Sorted(JsonNode.Parse(e.Data)),
            ["eventId"] = e.EventId.ToString("D"),
            ["metadata"] = new JsonObject
            {
                ["causationId"] = e.CausationId, ["correlationId"] = e.CorrelationId,
                ["recordedAt"] = e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["recordedBy"] = e.RecordedBy,
            },
            ["stream"] = e.StreamId, ["type"] = e.Type, ["version"] = e.Version,
        };
        return SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(envelope.ToJsonString())]);
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(x => Sorted(x?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}

public sealed class TamperDetectionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private Task Tamper(string sql) => db.RewriteAsOwnerAsync(sql);

    [Fact]
    public async Task Verify_names_the_first_broken_event_or_head_of_each_tampered_stream_and_nothing_else()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var streams = Enumerable.Range(0, 7).Select(i => $"incident-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var s in streams)
            await store.AppendAsync(Events.Append(s, 0, Enumerable.Range(0, 5).Select(_ => Events.Make()).ToArray()));
        var clean = await store.VerifyAsync();
        clean.Ok.Should().BeTrue();
        clean.StreamsChecked.Should().Be(7);
        clean.EventsChecked.Should().Be(35);
        // What production stored is the chain as worked out independently: each hash links to the one before.
        foreach (var s in streams)
        {
            var previous = EventHash.Genesis;
            foreach (var e in await store.ReadStreamAsync(s))
            {
                Convert.ToHexStringLower(e.Hash).Should().Be(Convert.ToHexStringLower(IndependentChain.Hash(previous, e)), $"{s} v{e.Version}");
                previous = e.Hash;
            }
        }

        await Tamper($"UPDATE ledger.mt_events SET data = jsonb_set(data, '{{n}}', '999999') WHERE stream_id = '{streams[0]}' AND version = 2");
        await Tamper($"DELETE FROM ledger.mt_events WHERE stream_id = '{streams[1]}' AND version = 3");
        await Tamper($"UPDATE ledger.mt_events SET user_name = 'forger' WHERE stream_id = '{streams[2]}' AND version = 1");
        await Tamper($"UPDATE ledger.mt_events SET timestamp = timestamp - interval '1 day' WHERE stream_id = '{streams[3]}' AND version = 5");
        // Rewriting an event and its hash still breaks the link to the next event.
        await Tamper($"""
            UPDATE ledger.mt_events SET data = '{"{"}"n": 1{"}"}', headers = jsonb_set(headers, '{"{"}hash{"}"}', to_jsonb(encode(sha256('forged'::bytea), 'hex'))) WHERE stream_id = '{streams[4]}' AND version = 4
            """);
        // The head row is what the next append chains from: it must agree with the events.
        await Tamper($"UPDATE ledger.mt_streams SET version = 1 WHERE id = '{streams[5]}'");
        // Only the chain catches this one: version 3 rewritten with its own hash correctly recomputed from version 2's.
        // Its own check passes; the next event, chained from the old hash, no longer follows.
        var chained = await store.ReadStreamAsync(streams[6]);
        var forged = chained[2] with { Data = "{\"n\":424242,\"text\":\"forged\"}" };
        var forgedHash = Convert.ToHexStringLower(IndependentChain.Hash(chained[1].Hash, forged));
        await Tamper($"UPDATE ledger.mt_events SET data = '{forged.Data}'::jsonb, headers = jsonb_set(headers, '{{hash}}', to_jsonb('{forgedHash}'::text)) WHERE stream_id = '{streams[6]}' AND version = 3");

        var report = await store.VerifyAsync();
        report.Ok.Should().BeFalse();
        report.Broken.Select(b => (b.StreamId, b.Version)).Should().BeEquivalentTo(new[]
        {
            (streams[0], 2L), (streams[1], 3L), (streams[2], 1L), (streams[3], 5L), (streams[4], 4L), (streams[5], 5L), (streams[6], 4L),
        });
        report.Broken.Single(b => b.StreamId == streams[5]).Reason.Should().Contain("head row");
        report.Broken.Single(b => b.StreamId == streams[1]).Reason.Should().Contain("missing");
        report.Broken.Where(b => b.StreamId != streams[1] && b.StreamId != streams[5]).Should().OnlyContain(b => b.EventId != null);
    }
}
