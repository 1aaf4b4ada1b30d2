using System.Text.Json;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Import;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Serialization;

namespace Ledger.IntegrationTests;

/// <summary>A store that commits and then loses the answer, as a dropped connection after COMMIT does.</summary>
internal sealed class AnswerLosingStore(IEventStore inner) : IEventStore
{
    /// <summary>How many of the next appends commit and then fail.</summary>
    public int LoseNext;
    public int Appends;

    public async Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct = default)
    {
        Interlocked.Increment(ref Appends);
        var result = await inner.AppendAsync(append, ct);
        if (Interlocked.Decrement(ref LoseNext) >= 0) throw new TimeoutException("the connection dropped after COMMIT");
        return result;
    }

    public Task<AppendOutcome[]> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        inner.AppendManyAsync(appends, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken ct = default) =>
        inner.ReadStreamAsync(streamId, fromVersion, ct);

    public Task<ILookup<string, RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<string> streamIds, CancellationToken ct = default) =>
        inner.ReadStreamsAsync(streamIds, ct);

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken ct = default) =>
        inner.ReadAllAsync(afterPosition, limit, ct);

    public Task<long> HeadPositionAsync(CancellationToken ct = default) => inner.HeadPositionAsync(ct);

    public Task<VerifyReport> VerifyAsync(CancellationToken ct = default) => inner.VerifyAsync(ct);
}

/// <summary>The Orleans journaled grain over our store: exactly-once effect under lost answers, and never state
/// older than a write made elsewhere.</summary>
public sealed class JournaledGrainTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly CommandMetadata By = new("reporter");

    private static ReportIncident WithFigure(string id) => LedgerNode.Report(id) with
    {
        Figures = [new ReportFigure(TestSources.Sohr, FigureCategory.Killed, "syrian-army", PartyClass.StateForces, new AtLeastValue(14), Certainty.Reported)],
    };

    private static async Task<(IReadOnlyList<RecordedEvent> Events, IncidentState Fold)> StreamOf(LedgerNode node, string id)
    {
        var events = await node.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id));
        return (events, IncidentState.Fold(events.Select(e => ((IIncidentEvent)EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context))));
    }

    private static string Json(IncidentState s) => JsonSerializer.Serialize(s, LedgerJson.Options);

    /// <summary>A node whose store can be told to lose answers, and an incident with one figure reported through it.</summary>
    private async Task<(LedgerNode Node, AnswerLosingStore Losing, string Id)> ReportedBehindAnswerLosingStore(string prefix)
    {
        AnswerLosingStore? losing = null;
        var node = await LedgerNode.StartAsync(db, store => losing = new AnswerLosingStore(store));
        var id = prefix + Guid.NewGuid().ToString("N")[..8];
        try { (await node.Incident(id).Handle(WithFigure(id), By)).Status.Should().Be(CommandStatus.Accepted); }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return (node, losing!, id);
    }

    [Fact]
    public async Task A_command_of_several_events_folds_each_at_its_own_version_and_answers_with_the_last_position()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var id = "several-" + Guid.NewGuid().ToString("N")[..8];
        var outcome = await node.Incident(id).Handle(WithFigure(id), By);

        var (events, fold) = await StreamOf(node, id);
        events.Select(e => e.Type).Should().Equal(nameof(IncidentReported), nameof(FigureReported));
        outcome.Version.Should().Be(2);
        outcome.LastPosition.Should().Be(events[^1].Position);
        var state = await node.Incident(id).GetState();
        state.Version.Should().Be(2);
        Json(state.State).Should().Be(Json(fold), "the grain folded each event with the version and position it was stored at");
    }

    [Fact]
    public async Task A_write_whose_answer_is_lost_after_commit_is_stored_once_and_folded_once()
    {
        var (node, losing, id) = await ReportedBehindAnswerLosingStore("lost-");
        await using var _ = node;

        losing.LoseNext = 1;
        var appendsBefore = losing.Appends;
        var outcome = await node.Incident(id).Handle(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(17), "lost answer"), By);

        outcome.Status.Should().Be(CommandStatus.Accepted);
        (losing.Appends - appendsBefore).Should().Be(2, "the first attempt committed and lost its answer; the retry found it stored");
        var (events, fold) = await StreamOf(node, id);
        events.Select(e => e.Type).Should().Equal(nameof(IncidentReported), nameof(FigureReported), nameof(FigureRevised));
        outcome.Version.Should().Be(3);
        outcome.LastPosition.Should().Be(events[^1].Position);
        outcome.RecordedAt.Should().Be(events[^1].RecordedAt);
        var state = await node.Incident(id).GetState();
        state.Version.Should().Be(3);
        Json(state.State).Should().Be(Json(fold), "the grain folded the revision once, as the stream holds it once");
        state.State.Figures["sohr:killed:syrian-army"].Revision.Should().Be(2);

        // The next command is decided on that state and lands at version 4.
        (await node.Incident(id).Handle(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(18), "next"), By)).Version.Should().Be(4);
        (await node.Store.VerifyAsync()).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task A_write_that_stays_in_doubt_is_refused_to_the_caller_and_a_retry_with_its_key_appends_nothing()
    {
        var (node, losing, id) = await ReportedBehindAnswerLosingStore("doubt-");
        await using var _ = node;
        // A revision before the one in doubt: folding the whole stream a second time onto the old view would then
        // change the state (the figure's first report no longer matches it), so a double fold cannot pass unseen.
        (await node.Incident(id).Handle(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(15), "first revision"), By)).Version.Should().Be(3);

        losing.LoseNext = 10; // every attempt commits (the first) or is recognised, and every answer is lost
        var keyed = By with { CommandId = "reporter/retry-me" };
        var revise = new ReviseFigure("sohr:killed:syrian-army", new ExactValue(17), "in doubt");
        var act = () => node.Incident(id).Handle(revise, keyed);
        await act.Should().ThrowAsync<StorageUnavailableException>();

        losing.LoseNext = 0;
        var retry = await node.Incident(id).Handle(revise, keyed);
        retry.Status.Should().Be(CommandStatus.Duplicate);
        var (events, fold) = await StreamOf(node, id);
        events.Count(e => e.Type == nameof(FigureRevised)).Should().Be(2);
        var state = await node.Incident(id).GetState();
        state.Version.Should().Be(events.Count);
        Json(state.State).Should().Be(Json(fold));
        state.State.Figures["sohr:killed:syrian-army"].Should().Match<FigureState>(f => f.Revision == 3 && f.Value == new ExactValue(17));
    }

    [Fact]
    public async Task An_activation_never_serves_state_older_than_a_write_made_elsewhere()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var id = "elsewhere-" + Guid.NewGuid().ToString("N")[..8];
        (await node.Incident(id).Handle(WithFigure(id), By)).Status.Should().Be(CommandStatus.Accepted);
        (await node.Incident(id).GetState()).Version.Should().Be(2); // the activation holds version 2

        // An import (the bulk path: deciders and the store, no grain) revises the figure behind the activation's back.
        var import = new ImportSession(node.Store, "importer");
        (await import.IncidentAsync("line-1", new ReviseFigure("sohr:killed:syrian-army", new ExactValue(20), "import"), id)).Status
            .Should().Be(ImportStatus.Applied);
        await import.FlushAsync();

        var read = await node.Incident(id).GetState();
        read.Version.Should().Be(3);
        read.State.Figures["sohr:killed:syrian-army"].Value.Should().Be(new ExactValue(20));

        // A write decided on the activation's state lands after the import's, never beside or over it.
        await import.IncidentAsync("line-2", new ReviseFigure("sohr:killed:syrian-army", new ExactValue(25), "import again"), id);
        await import.FlushAsync();
        var outcome = await node.Incident(id).Handle(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(30), "grain"), By);
        outcome.Version.Should().Be(5, "the grain found version 4 on the stream, read it, and decided again");
        var (events, fold) = await StreamOf(node, id);
        events.Select(e => e.Version).Should().Equal(1, 2, 3, 4, 5);
        Json((await node.Incident(id).GetState()).State).Should().Be(Json(fold));
    }

    [Fact]
    public async Task A_duplicate_command_id_written_elsewhere_is_recognised_after_the_conflict()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var id = "dup-" + Guid.NewGuid().ToString("N")[..8];
        (await node.Incident(id).Handle(WithFigure(id), By)).Status.Should().Be(CommandStatus.Accepted);
        (await node.Incident(id).GetState()).Version.Should().Be(2);

        // The same command, with the same id, lands through the import first: the grain must not store it again.
        var revise = new ReviseFigure("sohr:killed:syrian-army", new ExactValue(20), "same command");
        var import = new ImportSession(node.Store, "reporter");
        await import.IncidentAsync("reporter/key-1", revise, id);
        await import.FlushAsync();

        var outcome = await node.Incident(id).Handle(revise, By with { CommandId = "reporter/key-1" });
        outcome.Status.Should().Be(CommandStatus.Duplicate);
        (await node.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id))).Should().HaveCount(3);
    }
}
