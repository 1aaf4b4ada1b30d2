using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Ledger.Streams;
using static Ledger.Tests.IncidentScenario;

namespace Ledger.Tests;

/// <summary>The decision step of the one write path that grains and import share: command id, If-Match, decider, ids.</summary>
public sealed class CommandHandlerTests
{
    private static readonly CommandHandler Handler = new(new NoStore(), EventTypes.Ledger);
    private static readonly string Stream = IncidentDecider.Kind.StreamFor("palmyra-bus-2024-01-09");

    private static StreamFold<IncidentState> Reported(string commandId = "cmd-1")
    {
        var step = (CommandStep<IIncidentEvent>.Append)Handler.Decide(IncidentDecider.Kind, Stream,
            StreamFold<IncidentState>.Empty(IncidentDecider.Kind.InitialState), PalmyraBus(), new CommandMetadata("r", CommandId: commandId), Now);
        return step.Events.Select((e, i) => (e, i)).Aggregate(StreamFold<IncidentState>.Empty(IncidentDecider.Kind.InitialState),
            (fold, x) => CommandHandler.Evolve(IncidentDecider.Kind, fold, x.e, new EventContext(x.i + 1, x.i + 1, Now, "r"), commandId));
    }

    [Fact]
    public void A_command_id_the_stream_holds_is_a_duplicate_before_anything_is_decided() =>
        Handler.Decide(IncidentDecider.Kind, Stream, Reported("cmd-1"), PalmyraBus(), new CommandMetadata("r", CommandId: "cmd-1"), Now)
            .Should().BeOfType<CommandStep<IIncidentEvent>.Duplicate>("a repeat appends nothing, even one the decider would refuse");

    [Fact]
    public void An_if_match_on_another_version_is_refused_as_a_failed_precondition()
    {
        var step = Handler.Decide(IncidentDecider.Kind, Stream, Reported(), new ReviseFigure("x", new ExactValue(1), "r"),
            new CommandMetadata("r", ExpectedVersion: 7), Now);
        step.Should().BeOfType<CommandStep<IIncidentEvent>.Refused>().Which.Error.Kind.Should().Be(DomainErrorKind.PreconditionFailed);
    }

    [Fact]
    public void Accepted_events_get_ids_from_stream_and_command_and_are_appended_at_the_folded_version()
    {
        var fold = Reported();
        var withFigure = (CommandStep<IIncidentEvent>.Append)Handler.Decide(IncidentDecider.Kind, Stream, fold,
            Killed(Sohr, new AtLeastValue(14)), new CommandMetadata("r", "corr", "cmd-2"), Now);
        withFigure.Stored.ExpectedVersion.Should().Be(fold.Version);
        withFigure.Stored.Events.Select(e => e.EventId).Should().Equal(
            withFigure.Events.Select((_, i) => DeterministicGuid.ForEvent(Stream, "cmd-2", i)));
        withFigure.Stored.Events.Should().OnlyContain(e => e.Metadata == new EventMetadata("r", "corr", "cmd-2"));
        withFigure.Stored.Events.Select(e => e.Type).Should().Equal(withFigure.Events.Select(e => e.GetType().Name));
    }

    [Fact]
    public void A_stale_if_match_names_the_stream_and_both_versions()
    {
        var error = ((CommandStep<IIncidentEvent>.Refused)Handler.Decide(IncidentDecider.Kind, Stream, Reported(), new ReviseFigure("x", new ExactValue(1), "r"),
            new CommandMetadata("r", ExpectedVersion: 7), Now)).Error;
        (error.Code, error.Message, error.Field).Should().Be(("version-mismatch", $"{Stream} is at version 1, not 7", null));
        Handler.Decide(IncidentDecider.Kind, Stream, Reported(), Killed(Sohr, new ExactValue(3)), new CommandMetadata("r", ExpectedVersion: 1), Now)
            .Should().BeOfType<CommandStep<IIncidentEvent>.Append>("an If-Match on the folded version passes");
    }

    [Fact]
    public void Evolving_keeps_the_command_ids_the_stream_holds_and_only_those()
    {
        var fold = Reported("cmd-1");
        fold.Commands.Should().Equal("cmd-1");
        var figure = new FigureReported("f", "sohr", Sources.SourceKind.Monitor, 1, FigureCategory.Killed, "civilians", PartyClass.Civilians,
            new ExactValue(1), Certainty.Reported, null, null, null, null);
        var withoutId = CommandHandler.Evolve(IncidentDecider.Kind, fold, figure, new EventContext(2, 2, Now, "r"), null);
        withoutId.Commands.Should().Equal(["cmd-1"], "an event without a command id adds none");
        (withoutId.Version, withoutId.Last!.Position).Should().Be((2, 2));
        withoutId.State.Figures.Should().ContainKey("f");
    }

    [Fact]
    public async Task Reading_folds_the_stored_tail_onto_the_fold_it_is_given()
    {
        var reported = new IncidentReported("a", "t", new Occurrence(new DateOnly(2024, 1, 9)), new Location("SY", "sy04"), "ambush", null, null);
        var figure = new FigureReported("f", "sohr", Sources.SourceKind.Monitor, 1, FigureCategory.Killed, "civilians", PartyClass.Civilians,
            new ExactValue(5), Certainty.Reported, null, null, null, null);
        RecordedEvent Stored(long version, object e, string? command) => new(10 + version, Guid.NewGuid(), "incident-a", version, EventTypes.Ledger.NameOf(e),
            EventTypes.Ledger.Serialize(e), Now, "r", null, command, new byte[32]);
        var store = new OneStream([Stored(1, reported, "c1"), Stored(2, figure, null)]);
        var handler = new CommandHandler(store, EventTypes.Ledger);

        var whole = await handler.ReadAsync(IncidentDecider.Kind, "incident-a");
        (whole.Version, whole.State.Id, whole.State.Figures.Count, whole.Last!.Position).Should().Be((2, "a", 1, 12));
        whole.Commands.Should().Equal("c1");
        store.ReadFrom.Should().Be(1, "a stream read from nothing starts at version 1");

        var again = await handler.ReadAsync(IncidentDecider.Kind, "incident-a", whole);
        store.ReadFrom.Should().Be(3, "a fold at version 2 reads from version 3 on");
        again.Should().BeSameAs(whole, "nothing new was stored");
    }

    /// <summary>A store of one stream that remembers where it was last read from.</summary>
    private sealed class OneStream(IReadOnlyList<RecordedEvent> events) : IEventStore
    {
        public long ReadFrom { get; private set; }
        public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<AppendOutcome[]> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken ct = default)
        {
            ReadFrom = fromVersion;
            return Task.FromResult<IReadOnlyList<RecordedEvent>>(events.Where(e => e.Version >= fromVersion).ToList());
        }
        public Task<ILookup<string, RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<string> streamIds, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<long> HeadPositionAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task<VerifyReport> VerifyAsync(CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class NoStore : IEventStore
    {
        public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<AppendOutcome[]> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ILookup<string, RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<string> streamIds, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<long> HeadPositionAsync(CancellationToken ct = default) => throw new NotSupportedException();
        public Task<VerifyReport> VerifyAsync(CancellationToken ct = default) => throw new NotSupportedException();
    }
}
