using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Tests;

/// <summary>A source's record counts what the fold of the log holds: for random logs of several incidents, every number
/// of the record as of a random point equals a count taken independently from the incidents' states at that point.</summary>
public sealed class SourceRecordProperties
{
    private static readonly DateTimeOffset Now = IncidentScenario.Now;
    private static readonly SourceRef[] Sources = [TestSources.Sohr, TestSources.Amaq, TestSources.Afp];

    /// <summary>A step of a random log: which incident, what to do, and the numbers it picks with.</summary>
    public sealed record Step(int Incident, int Kind, int Source, int Pick, int Value);

    private static Gen<Step> Steps =>
        from incident in Gen.Choose(0, 2)
        from kind in Gen.Choose(0, 6)
        from source in Gen.Choose(0, 2)
        from pick in Gen.Choose(0, 5)
        from value in Gen.Choose(0, 40)
        select new Step(incident, kind, source, pick, value);

    private static FigureValue Value(int v) => (v % 5) switch
    {
        0 => new UnquantifiedValue("numerous"),
        1 => new AtLeastValue(v),
        2 => new RangeValue(v, v + 5),
        _ => new ExactValue(v),
    };

    /// <summary>The accepted events of the steps, each with its incident and context, in log order.</summary>
    private static List<(string IncidentId, IIncidentEvent Event, EventContext At)> Log(IEnumerable<Step> steps)
    {
        var states = new Dictionary<string, (IncidentState State, long Version)>();
        var log = new List<(string, IIncidentEvent, EventContext)>();
        var position = 0L;
        foreach (var s in steps)
        {
            var id = $"inc-{s.Incident}";
            var (state, version) = states.GetValueOrDefault(id, (IncidentState.Initial, 0));
            var figures = state.Figures.Keys.ToList();
            var disputes = state.Disputes.Keys.ToList();
            string? Figure() => figures.Count == 0 ? null : figures[s.Pick % figures.Count];
            IncidentCommand? command = !state.Exists ? IncidentScenario.PalmyraBus(id) : s.Kind switch
            {
                0 or 1 => new ReportFigure(Sources[s.Source], s.Value % 2 == 0 ? FigureCategory.Killed : FigureCategory.Injured,
                    s.Pick % 2 == 0 ? "civilians" : "syrian-army", s.Pick % 2 == 0 ? PartyClass.Civilians : PartyClass.StateForces,
                    Value(s.Value), s.Source == 1 ? Certainty.Claimed : Certainty.Reported, Now.AddDays(-30)),
                2 or 3 => Figure() is { } f ? new ReviseFigure(f, Value(s.Value + s.Pick), "names published", Now.AddDays(-10)) : null,
                4 => Figure() is { } f ? new DisputeFigure(f, Sources[s.Source].Id, "another toll") : null,
                5 => disputes.Count == 0 ? null : new ResolveDispute(disputes[s.Pick % disputes.Count], s.Value % 2 == 0 ? DisputeOutcome.Upheld : DisputeOutcome.Dismissed, "checked"),
                _ => Figure() is { } f ? new RetractFigure(f, "withdrawn") : null,
            };
            if (command is null) continue;
            var decision = IncidentDecider.Decide(command, state, Now);
            if (decision.Error is not null) continue;
            foreach (var e in decision.Events)
            {
                var at = new EventContext(++version, ++position, Now.AddMinutes(position), "coder");
                state = state.Apply(e, at);
                log.Add((id, e, at));
            }
            states[id] = (state, version);
        }
        return log;
    }

    [Property(MaxTest = 300)]
    public Property Every_number_of_a_record_equals_a_count_of_the_fold_at_a_random_point() =>
        Prop.ForAll(Steps.ListOf().ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (steps, cut) =>
        {
            var log = Log(steps);
            var prefix = log.Take(log.Count == 0 ? 0 : cut % (log.Count + 1)).ToList();
            var states = prefix.GroupBy(e => e.IncidentId)
                .Select(g => g.Aggregate(IncidentState.Initial, (s, e) => s.Apply(e.Event, e.At))).ToList();
            foreach (var source in Sources.Select(s => s.Id))
            {
                var record = SourceRecord.Of(source, prefix);
                var mine = states.SelectMany(s => s.Figures.Values.Where(f => f.Source == source).Select(f => (s, f))).ToList();
                var against = states.SelectMany(s => s.Disputes.Values.Where(d => s.Figures[d.FigureId].Source == source)).ToList();
                var raised = states.SelectMany(s => s.Disputes.Values.Where(d => d.DisputedBy == source)).ToList();
                var expected = (mine.Count, mine.Count(m => m.f.Certainty == Certainty.Claimed),
                    mine.Count(m => m.f.Revision > 1), mine.Sum(m => m.f.Revision - 1), mine.Count(m => m.f.Status == FigureStatus.Retracted),
                    against.Count, against.Count(d => d.Outcome is null), against.Count(d => d.Outcome == DisputeOutcome.Upheld),
                    raised.Count, raised.Count(d => d.Outcome == DisputeOutcome.Dismissed), states.Count(s => s.Figures.Values.Any(f => f.Source == source)));
                var actual = (record.FiguresReported, record.Claimed, record.FiguresRevised, record.Revisions, record.Retractions,
                    record.DisputesAgainst.Total, record.DisputesAgainst.Open, record.DisputesAgainst.Upheld,
                    record.DisputesRaised.Total, record.DisputesRaised.Dismissed, record.Incidents);
                if (actual != expected) return false.Label($"{source}: {actual} != {expected}");
                // Agreement, counted from the states: its live counted figures beside other sources' on the same incident,
                // category and party, and how many of them overlap one of those.
                var pairs = states.SelectMany(st => st.Figures.Values.Where(f => f.Source == source && f.Status != FigureStatus.Retracted && SourceRecord.Interval(f.Value) is not null)
                    .Select(f => (f, others: st.Figures.Values.Where(o => o.Source != source && o.Category == f.Category && o.Party == f.Party
                        && o.Status != FigureStatus.Retracted && SourceRecord.Interval(o.Value) is not null).ToList())))
                    .Where(x => x.others.Count > 0).ToList();
                var agreeing = pairs.Count(x => x.others.Any(o => SourceRecord.Interval(o.Value)!.Value.Low <= SourceRecord.Interval(x.f.Value)!.Value.High
                    && SourceRecord.Interval(x.f.Value)!.Value.Low <= SourceRecord.Interval(o.Value)!.Value.High));
                if ((record.Compared, record.Agreed) != (pairs.Count, agreeing))
                    return false.Label($"{source}: agreement {(record.Compared, record.Agreed)} != {(pairs.Count, agreeing)}");
                if (record.ByCategory.Values.Sum() != record.FiguresReported || record.RevisedUp + record.RevisedDown > record.Revisions)
                    return false.Label($"{source}: breakdowns do not add up");
            }
            return true.ToProperty();
        });
}

public sealed class SourceAgreementTests
{
    private static (string, IIncidentEvent, EventContext) E(string incident, IIncidentEvent e, long at) =>
        (incident, e, new EventContext(at, at, IncidentScenario.Now.AddMinutes(at), "coder"));

    private static FigureReported Figure(string source, FigureValue value, string party = "civilians") =>
        new($"{source}:killed:{party}", source, Sources.SourceKind.Monitor, 1, FigureCategory.Killed, party, PartyClass.Civilians, value, Certainty.Reported, null, null, null, null);

    [Fact]
    public void A_figure_agrees_when_the_counts_two_sources_allow_overlap()
    {
        var log = new[]
        {
            // "at least 14" and "20" agree: 20 is at least 14.
            E("a", Figure("sohr", new AtLeastValue(14)), 1), E("a", Figure("afp", new ExactValue(20)), 2),
            // 3 and "9 to 12" do not.
            E("b", Figure("sohr", new ExactValue(3)), 3), E("b", Figure("afp", new RangeValue(9, 12)), 4),
            // A figure no other source gives for that party is not compared; "numerous" allows no count.
            E("c", Figure("sohr", new ExactValue(5), "syrian-army"), 5), E("c", Figure("afp", new UnquantifiedValue("numerous"), "syrian-army"), 6),
            // A retracted figure is not beside anything.
            E("d", Figure("sohr", new ExactValue(7)), 7), E("d", Figure("afp", new ExactValue(7)), 8), E("d", new FigureRetracted("afp:killed:civilians", "withdrawn"), 9),
        };
        var sohr = SourceRecord.Of("sohr", log);
        (sohr.Compared, sohr.Agreed).Should().Be((2, 1));
        var revised = SourceRecord.Of("sohr", [.. log, E("b", new FigureRevised("sohr:killed:civilians", new ExactValue(10), null, "names published", null), 10)]);
        (revised.Compared, revised.Agreed).Should().Be((2, 2), "the revision to 10 lies within 9 to 12");
    }
}
