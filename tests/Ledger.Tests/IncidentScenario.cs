using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Tests;

/// <summary>Runs commands through the decider and the fold, as a grain would, without a store.</summary>
internal sealed class IncidentScenario
{
    public static readonly DateTimeOffset Now = new(2024, 2, 1, 9, 0, 0, TimeSpan.Zero);

    public static ReportIncident PalmyraBus(string id = "palmyra-bus-2024-01-09") => new(
        id, "Attack on a military bus near Palmyra", new Occurrence(new DateOnly(2024, 1, 9)),
        new Location("SY", "sy04", Place: "near Palmyra", Precision: LocationPrecision.Near), "ambush", "isis");

    public static ReportFigure Killed(SourceRef source, FigureValue value, string party = "syrian-army",
        PartyClass partyClass = PartyClass.StateForces, Certainty certainty = Certainty.Reported) =>
        new(source, FigureCategory.Killed, party, partyClass, value, certainty, Now.AddDays(-20));

    public IncidentState State { get; private set; } = IncidentState.Initial;
    public long Version { get; private set; }
    public List<IIncidentEvent> Log { get; } = [];

    public IncidentScenario Given(params IncidentCommand[] commands)
    {
        foreach (var c in commands)
        {
            var d = When(c);
            if (d.Error is not null) throw new InvalidOperationException($"setup command refused: {d.Error}");
        }
        return this;
    }

    public Decision<IIncidentEvent> When(IncidentCommand command)
    {
        var decision = IncidentDecider.Decide(command, State, Now);
        foreach (var e in decision.Events)
        {
            Version++;
            State = State.Apply(e, new EventContext(Version, Version, Now.AddSeconds(Version), "tester"));
            Log.Add(e);
        }
        return decision;
    }
}
