using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Tests;

/// <summary>Every check of the region decider, one bad field at a time: refused as invalid, the field named in
/// the error and in its words, nothing recorded.</summary>
public sealed class RegionValidationTests
{
    private static readonly DateTimeOffset Now = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DefineRegion Area = new("badiya", "Badiya", "SY", RegionLevel.Area, "sy", ["Syrian Desert"], ["sy04", "sy09"]);
    private static readonly ReportRegionalFigure Figure = new(Sohr, FigureCategory.Killed, PartyClass.StateForces, new Period(new DateOnly(2019, 3, 24)),
        new ApproximateValue(515), Certainty.Reported);
    private const string FigureId = "sohr:killed:state-forces:2019-03-24";
    private static readonly DateTimeOffset Future = Now.AddDays(2);

    public static TheoryData<string, DefineRegion, string> Definitions() => new()
    {
        { "bad id", Area with { RegionId = "The Badiya" }, "id" },
        { "empty name", Area with { Name = "" }, "name" },
        { "long Arabic name", Area with { NameAr = new string('ب', 201) }, "nameAr" },
        { "iso code in lower case", Area with { IsoCode = "sy-dy" }, "isoCode" },
        { "country not a code", Area with { Country = "Syria" }, "country" },
        { "bad parent", Area with { ParentId = "Syria!" }, "parentId" },
        { "too many aliases", Area with { Aliases = [.. Enumerable.Range(0, 51).Select(i => $"a{i}")] }, "aliases" },
        { "empty alias", Area with { Aliases = ["Desert", " "] }, "aliases[1]" },
        { "bad member", Area with { Members = ["sy04", "Homs Gov"] }, "members[1]" },
        { "area without members", Area with { Members = [] }, "members" },
        { "governorate with members", Area with { Level = RegionLevel.Admin1, Members = ["sy04"] }, "members" },
    };

    public static TheoryData<string, RegionCommand, string> Changes() => new()
    {
        { "bad source slug", Figure with { Source = new SourceRef("SOHR!", SourceKind.Monitor, 1) }, "source" },
        { "period starting in the future", Figure with { Period = new Period(new DateOnly(2024, 3, 1)) }, "period.from" },
        { "period ending before it starts", Figure with { Period = new Period(new DateOnly(2020, 1, 1), new DateOnly(2019, 1, 1)) }, "period.to" },
        { "period ending in the future", Figure with { Period = new Period(new DateOnly(2020, 1, 1), new DateOnly(2024, 6, 1)) }, "period.to" },
        { "negative value", Figure with { Value = new ExactValue(-1) }, "value.value" },
        { "published in the future", Figure with { PublishedAt = Future }, "publishedAt" },
        { "script url", Figure with { Url = "javascript:x" }, "url" },
        { "long quote", Figure with { Quote = new string('q', 2001) }, "quote" },
        { "negative breakdown", Figure with { Breakdown = new Dictionary<string, int> { ["children"] = -4 } }, "breakdown.children" },
        { "revision without reason", new ReviseRegionalFigure(FigureId, new AtLeastValue(570), ""), "reason" },
        { "revision to a negative value", new ReviseRegionalFigure(FigureId, new AtLeastValue(-570), "r"), "value.value" },
        { "revision published in the future", new ReviseRegionalFigure(FigureId, new AtLeastValue(570), "r", Future), "publishedAt" },
        { "revision with a script url", new ReviseRegionalFigure(FigureId, new AtLeastValue(570), "r", Url: "javascript:x"), "url" },
        { "revision with a long quote", new ReviseRegionalFigure(FigureId, new AtLeastValue(570), "r", Quote: new string('q', 2001)), "quote" },
        { "dispute by a bad slug", new DisputeRegionalFigure(FigureId, "Syrian Gov", "r"), "disputedBy" },
        { "dispute by the source itself", new DisputeRegionalFigure(FigureId, "sohr", "r"), "disputedBy" },
        { "dispute without reason", new DisputeRegionalFigure(FigureId, "sana", ""), "reason" },
        { "dispute with a negative counter value", new DisputeRegionalFigure(FigureId, "sana", "r", new ExactValue(-3)), "counterValue.value" },
        { "dispute published in the future", new DisputeRegionalFigure(FigureId, "sana", "r", PublishedAt: Future), "publishedAt" },
    };

    [Theory]
    [MemberData(nameof(Definitions))]
    public void A_definition_with_one_bad_field_is_refused_naming_it(string name, DefineRegion command, string field) =>
        Refused(RegionState.Initial, command, field, name);

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_figure_command_with_one_bad_field_is_refused_naming_it(string name, RegionCommand command, string field)
    {
        var state = RegionState.Initial;
        var v = 0;
        foreach (var setup in new RegionCommand[] { Area, Figure with { PublishedAt = Now.AddDays(-1) } })
            foreach (var e in RegionDecider.Decide(setup, state, Now).Events) state = state.Apply(e, new EventContext(++v, v, Now, "t"));
        state.Figures.Should().ContainKey(FigureId);
        // The figure already exists: the report cases are checked on a second period's id, so "exists" is not the refusal.
        if (command is ReportRegionalFigure r && r.Period == Figure.Period) command = r with { Period = r.Period with { From = r.Period.From.AddDays(1) } };
        Refused(state, command, field, name);
    }

    private static void Refused(RegionState state, RegionCommand command, string field, string name)
    {
        var d = RegionDecider.Decide(command, state, Now);
        d.IsAccepted.Should().BeFalse(name);
        d.Events.Should().BeEmpty(name);
        d.Error!.Kind.Should().Be(DomainErrorKind.Invalid, name);
        d.Error.Field.Should().Be(field, name);
        d.Error.Message.Should().Contain(field.Split('.')[^1].Split('[')[0], name);
    }
}
