using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Serialization;
using static Ledger.Tests.IncidentScenario;

namespace Ledger.Tests;

public sealed class EventSerializationTests
{
    [Fact]
    public void Figures_are_stored_in_the_contracts_vocabulary()
    {
        var e = new FigureReported("sohr:killed-or-injured:sdf", "sohr", Sources.SourceKind.InternationalOrganization, 2,
            FigureCategory.KilledOrInjured, "sdf", PartyClass.NonStateArmedGroups, new AtLeastValue(5), Certainty.Claimed,
            null, null, null, new Dictionary<string, int> { ["women"] = 9, ["children"] = 5 });
        var json = EventTypes.Ledger.Serialize(e);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.GetProperty("category").GetString().Should().Be("killed-or-injured");
        root.GetProperty("partyClass").GetString().Should().Be("non-state-armed-groups");
        root.GetProperty("sourceKind").GetString().Should().Be("international-organization");
        root.GetProperty("value").GetProperty("kind").GetString().Should().Be("atLeast");
        root.GetProperty("certainty").GetString().Should().Be("claimed");
        root.GetProperty("breakdown").GetProperty("women").GetInt32().Should().Be(9);
        root.TryGetProperty("publishedAt", out _).Should().BeFalse();
    }

    [Fact]
    public void A_value_reads_back_when_jsonb_puts_its_kind_last()
    {
        var value = JsonSerializer.Deserialize<FigureValue>("""{"low": 950, "high": 975, "kind": "range"}""", LedgerJson.Options);
        value.Should().Be(new RangeValue(950, 975));
    }

    [Fact]
    public void Enum_numbers_and_numbers_in_strings_are_refused()
    {
        FluentActions.Invoking(() => JsonSerializer.Deserialize<PartyClass>("1", LedgerJson.Options)).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<ExactValue>("""{"value":"14"}""", LedgerJson.Options)).Should().Throw<JsonException>();
    }

    private static readonly Gen<IncidentCommand> Commands =
        from kind in Gen.Choose(0, 6)
        from source in Gen.Elements(Sohr, Amaq, Afp)
        from party in Gen.Elements("syrian-army", "ndf", "civilians")
        from value in ReconcilerProperties.Values
        from dispute in Gen.Choose(1, 4)
        from outcome in Gen.Elements(DisputeOutcome.Upheld, DisputeOutcome.Dismissed)
        select kind switch
        {
            0 or 1 => (IncidentCommand)Killed(source, value, party),
            2 => new ReviseFigure($"{source.Id}:killed:{party}", value, "revised"),
            3 => new DisputeFigure($"{source.Id}:killed:{party}", "analyst-1", "doubtful"),
            4 => new ResolveDispute($"d{dispute}", outcome, "resolved"),
            5 => new RetractFigure($"{source.Id}:killed:{party}", "withdrawn"),
            _ => new CorrectIncident("moved", Location: PalmyraBus().Location with { Admin1 = "sy09" }),
        };

    [Property(Arbitrary = [typeof(EventSerializationTests)], MaxTest = 300)]
    public bool A_log_replayed_from_its_stored_json_folds_to_the_same_incident(IncidentCommand[] commands)
    {
        var s = new IncidentScenario().Given(PalmyraBus());
        foreach (var c in commands) s.When(c);
        var replayed = s.Log.Select((e, i) => (
            (IIncidentEvent)EventTypes.Ledger.Deserialize(EventTypes.Ledger.NameOf(e), EventTypes.Ledger.Serialize(e)),
            new EventContext(i + 1, i + 1, Now.AddSeconds(i + 1), "tester")));
        var state = IncidentState.Fold(replayed);
        return state.Reconcile().SequenceEqual(s.State.Reconcile())
            && state.Figures.Values.Select(f => (f.FigureId, f.Status, f.Value, f.Revision))
                .SequenceEqual(s.State.Figures.Values.Select(f => (f.FigureId, f.Status, f.Value, f.Revision)))
            && state.Location == s.State.Location;
    }

    /// <summary>The generator of command logs, for FsCheck.</summary>
    public static Arbitrary<IncidentCommand[]> CommandLogs() => Gen.ArrayOf(Commands).ToArbitrary();
}
