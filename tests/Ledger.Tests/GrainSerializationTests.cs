using System.Text.Json;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace Ledger.Tests;

/// <summary>What Orleans carries between silos and copies within one: the ledger's types must arrive whole.</summary>
public sealed class GrainSerializationTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer(b => b.AddLedgerTypes()).BuildServiceProvider();
    private static readonly Serializer Wire = Services.GetRequiredService<Serializer>();
    private static readonly DeepCopier Copier = Services.GetRequiredService<DeepCopier>();

    private static IncidentScenario Disputed() => new IncidentScenario().Given(
        IncidentScenario.PalmyraBus() with
        {
            Figures = [IncidentScenario.Killed(TestSources.Sohr, new AtLeastValue(14)),
                       IncidentScenario.Killed(TestSources.Amaq, new ExactValue(20), certainty: Certainty.Claimed)
                           with { Quote = "allegedly killing twenty", Url = "https://example.org/amaq" }],
        },
        new ReviseFigure("sohr:killed:syrian-army", new RangeValue(14, 20), "SOHR revised"),
        new DisputeFigure("amaq:killed:syrian-army", "sohr", "a claim, not a count", new ExactValue(14)));

    private static string Json(object o) => JsonSerializer.Serialize(o, o.GetType(), LedgerJson.Options);

    [Fact]
    public void An_incident_state_crosses_silos_whole()
    {
        var state = Disputed().State;
        var copy = Wire.Deserialize<IncidentState>(Wire.SerializeToArray(state))!;
        // Member by member, by reflection, not through the serializer the wire uses: a field it dropped would
        // vanish from both sides of a JSON comparison.
        copy.Should().BeEquivalentTo(state, o => o.RespectingRuntimeTypes().WithStrictOrdering());
        copy.Figures["amaq:killed:syrian-army"].Should().Be(state.Figures["amaq:killed:syrian-army"]);
        copy.Disputes.Values.Should().Equal(state.Disputes.Values);
        copy.Figures.Keys.Should().Equal(state.Figures.Keys, "figures keep their ordinal order");
        copy.Reconcile().Select(Json).Should().Equal(state.Reconcile().Select(Json));
    }

    [Fact]
    public void Commands_and_outcomes_cross_silos_with_their_runtime_types()
    {
        IncidentCommand command = new ReviseFigure("sohr:killed:syrian-army", new RangeValue(14, 20), "SOHR revised");
        var back = Wire.Deserialize<IncidentCommand>(Wire.SerializeToArray(command));
        back.Should().BeOfType<ReviseFigure>().Which.Should().Be(command);

        var events = Disputed().Log.Cast<object>().ToList();
        var outcome = new CommandOutcome(CommandStatus.Accepted, 4, events, null, 88, IncidentScenario.Now);
        var arrived = Wire.Deserialize<CommandOutcome>(Wire.SerializeToArray(outcome))!;
        arrived.Events.Select(e => e.GetType()).Should().Equal(events.Select(e => e.GetType()));
        arrived.Events.Should().Equal(events, "events are records: equal member by member");
        (arrived with { Events = outcome.Events }).Should().Be(outcome);

        var refused = new CommandOutcome(CommandStatus.Refused, 2, [], new DomainError(DomainErrorKind.Conflict, "figure-exists", "already reported"));
        Wire.Deserialize<CommandOutcome>(Wire.SerializeToArray(refused))!.Error.Should().Be(refused.Error);
    }

    [Fact]
    public void Within_a_silo_records_are_passed_as_they_are_and_a_view_gets_a_new_holder()
    {
        var state = Disputed().State;
        Copier.Copy(state).Should().BeSameAs(state, "records are immutable: copying them would only cost time");
        var fold = Ledger.Streams.StreamFold<IncidentState>.Empty(state);
        var view = new StreamView<IncidentState> { Fold = fold with { Commands = fold.Commands.Add("a") } };
        var copied = Copier.Copy(view);
        copied.Should().NotBeSameAs(view, "Orleans folds tentative events into its copy; the confirmed view must not change");
        copied.Fold!.State.Should().BeSameAs(state);
        copied.Fold = fold with { State = IncidentState.Initial };
        view.Fold!.State.Should().BeSameAs(state);
    }
}
