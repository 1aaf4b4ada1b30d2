using System.Security.Cryptography;
using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>
/// Rewrites by the database's owner that the per-stream chain cannot see (each one leaves every stream's chain
/// consistent) are caught by a checkpoint signed before them with a key the database never held.
/// </summary>
public sealed class CheckpointTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private Task Owner(string sql) => db.RewriteAsOwnerAsync(sql);

    [Theory]
    [InlineData("a figure rewritten with its hash recomputed")]
    [InlineData("a stream's last event deleted and its head rolled back")]
    [InlineData("a whole stream deleted")]
    [InlineData("two events' positions swapped")]
    public async Task A_rewrite_that_keeps_every_stream_chain_valid_fails_verification_against_an_earlier_checkpoint(string rewrite)
    {
        await using var store = new MartenEventStore(db.DataSource);
        var streams = Enumerable.Range(0, 3).Select(_ => $"incident-{Guid.NewGuid():N}").ToArray();
        foreach (var s in streams) await store.AppendAsync(Events.Append(s, 0, Events.Make(), Events.Make(), Events.Make()));
        var checkpoint = Checkpoint.Sign(await PositionChain.AtAsync(db.DataSource, await store.HeadPositionAsync()), Key, DateTimeOffset.UtcNow);
        checkpoint.IsSignedBy(Key).Should().BeTrue();
        checkpoint.Mismatch(await PositionChain.AtAsync(db.DataSource, checkpoint.Position)).Should().BeNull("nothing changed yet");

        var last = (await store.ReadStreamAsync(streams[0]))[^1];
        var removed = rewrite switch
        {
            "a stream's last event deleted and its head rolled back" => new PositionGap(last.Position, last.Position),
            "a whole stream deleted" => (await store.ReadStreamAsync(streams[1])) is var gone ? new PositionGap(gone[0].Position, gone[^1].Position) : null,
            _ => null,
        };
        switch (rewrite)
        {
            case "a figure rewritten with its hash recomputed":
                var previous = (await store.ReadStreamAsync(streams[0]))[^2].Hash;
                var forged = last with { Data = """{"n":999,"text":"forged"}""" };
                await Owner($"UPDATE ledger.mt_events SET data = '{forged.Data}'::jsonb, headers = jsonb_set(headers, '{{hash}}', " +
                    $"to_jsonb('{Convert.ToHexStringLower(IndependentChain.Hash(previous, forged))}'::text)) WHERE id = '{last.EventId}'");
                break;
            case "a stream's last event deleted and its head rolled back":
                await Owner($"DELETE FROM ledger.mt_events WHERE id = '{last.EventId}'; UPDATE ledger.mt_streams SET version = 2 WHERE id = '{streams[0]}'");
                break;
            case "a whole stream deleted":
                await Owner($"DELETE FROM ledger.mt_events WHERE stream_id = '{streams[1]}'; DELETE FROM ledger.mt_streams WHERE id = '{streams[1]}'");
                break;
            case "two events' positions swapped":
                var a = (await store.ReadStreamAsync(streams[1]))[0].Position;
                var b = (await store.ReadStreamAsync(streams[2]))[0].Position;
                await Owner($"""
                    UPDATE ledger.mt_events SET seq_id = -1 WHERE seq_id = {a};
                    UPDATE ledger.mt_events SET seq_id = {a} WHERE seq_id = {b};
                    UPDATE ledger.mt_events SET seq_id = {b} WHERE seq_id = -1
                    """);
                break;
        }

        var report = await store.VerifyAsync();
        report.Broken.Should().BeEmpty("each rewrite keeps every stream's own chain consistent: {0}", rewrite);
        // A deletion leaves positions that no write recorded leaving: verify names them even without a checkpoint
        // (the theory's cases share a database, so only this case's gap is looked for).
        if (removed is not null) report.Gaps.Should().Contain(removed, rewrite);
        checkpoint.Mismatch(await PositionChain.AtAsync(db.DataSource, checkpoint.Position)).Should().NotBeNull(rewrite);
    }

    [Fact]
    public async Task A_release_made_with_the_key_carries_a_checkpoint_of_its_position()
    {
        await using var store = new MartenEventStore(db.DataSource);
        await store.AppendAsync(Events.Append($"incident-{Guid.NewGuid():N}", 0, Events.Make(), Events.Make()));
        var book = new Releases.ReleaseBook(db.DataSource, Key);
        var release = await book.CreateAsync($"r-{Guid.NewGuid():N}"[..20], null, "signed", "editor");
        release.Checkpoint.Should().NotBeNull();
        release.Checkpoint!.Position.Should().Be(release.Position);
        release.Checkpoint.IsSignedBy(Key).Should().BeTrue();
        (await book.FindAsync(release.Name))!.Checkpoint.Should().Be(release.Checkpoint, "stored as signed");
        release.Checkpoint.Mismatch(await PositionChain.AtAsync(db.DataSource, release.Position)).Should().BeNull();
        await FluentActions.Awaiting(() => db.ExecuteAsync($"UPDATE ledger.releases SET position = 1 WHERE name = '{release.Name}'"))
            .Should().ThrowAsync<Npgsql.PostgresException>("a release never changes");
    }

    [Fact]
    public async Task Later_appends_keep_a_checkpoint_valid_and_a_checkpoint_altered_or_signed_by_another_key_is_refused()
    {
        await using var store = new MartenEventStore(db.DataSource);
        await store.AppendAsync(Events.Append($"incident-{Guid.NewGuid():N}", 0, Events.Make(), Events.Make()));
        var checkpoint = Checkpoint.Sign(await PositionChain.AtAsync(db.DataSource, await store.HeadPositionAsync()), Key, DateTimeOffset.UtcNow);
        await store.AppendAsync(Events.Append($"incident-{Guid.NewGuid():N}", 0, Events.Make()));
        checkpoint.Mismatch(await PositionChain.AtAsync(db.DataSource, checkpoint.Position)).Should().BeNull("the log only grew");

        (checkpoint with { Events = checkpoint.Events - 1 }).IsSignedBy(Key).Should().BeFalse("the signed fields changed");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        checkpoint.IsSignedBy(other).Should().BeFalse("the ledger's published key did not sign it");
        var resigned = Checkpoint.Sign(await PositionChain.AtAsync(db.DataSource, checkpoint.Position), other, DateTimeOffset.UtcNow);
        resigned.IsSignedBy().Should().BeTrue("its own key signed it");
        resigned.IsSignedBy(Key).Should().BeFalse("but not the key the ledger published");
    }
}
