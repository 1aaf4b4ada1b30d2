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
