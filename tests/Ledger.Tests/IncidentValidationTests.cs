using Ledger.Incidents;
using Ledger.Reconciliation;
using static Ledger.Tests.IncidentScenario;

namespace Ledger.Tests;

/// <summary>Every check of the incident decider, one bad field at a time: the command is refused as invalid,
/// names exactly that field, says so in words that name it, and records nothing. A check that is removed or
/// reordered, or a message emptied, fails here (each row is a mutation Stryker found surviving).</summary>
public sealed class IncidentValidationTests
{
    private const string Figure = "sohr:killed:syrian-army";
    private static readonly DateTimeOffset Future = Now.AddDays(3);
    private static readonly string Long5001 = new('x', 5001);

    private static ReportFigure Good => Killed(Sohr, new ExactValue(5));

    public static TheoryData<string, IncidentCommand, string> Cases() => new()
    {
        { "bad id", PalmyraBus("Not A Slug"), "id" },
        { "empty title", PalmyraBus() with { Title = " " }, "title" },
        { "long title", PalmyraBus() with { Title = new string('t', 301) }, "title" },
        { "future date", PalmyraBus() with { Occurred = new Occurrence(new DateOnly(2024, 3, 1)) }, "occurred.date" },
        { "date before 1900", PalmyraBus() with { Occurred = new Occurrence(new DateOnly(1899, 12, 31)) }, "occurred.date" },
        { "end before start", PalmyraBus() with { Occurred = new Occurrence(new DateOnly(2024, 1, 9), EndDate: new DateOnly(2024, 1, 8)) }, "occurred.endDate" },
        { "end in the future", PalmyraBus() with { Occurred = new Occurrence(new DateOnly(2024, 1, 9), EndDate: new DateOnly(2024, 3, 8)) }, "occurred.endDate" },
        { "country not a code", PalmyraBus() with { Location = new Location("Syria", "sy04") }, "location.country" },
        { "country in lower case", PalmyraBus() with { Location = new Location("sy", "sy04") }, "location.country" },
        { "admin1 precision without admin1", PalmyraBus() with { Location = new Location("SY", null, Precision: LocationPrecision.Admin1) }, "location.precision" },
        { "admin2 precision without admin1", PalmyraBus() with { Location = new Location("SY", null, Precision: LocationPrecision.Admin2) }, "location.precision" },
        { "bad admin1 slug", PalmyraBus() with { Location = new Location("SY", "Homs City") }, "location.admin1" },
        { "long admin1 as given", PalmyraBus() with { Location = new Location("SY", "sy04", Admin1Given: new string('a', 201)) }, "location.admin1Given" },
        { "long admin2", PalmyraBus() with { Location = new Location("SY", "sy04", Admin2: new string('a', 201)) }, "location.admin2" },
        { "long place", PalmyraBus() with { Location = new Location("SY", "sy04", Place: new string('a', 201)) }, "location.place" },
        { "latitude too high", PalmyraBus() with { Location = new Location("SY", "sy04", Lat: 90.5m, Lon: 30m) }, "location.lat" },
        { "latitude too low", PalmyraBus() with { Location = new Location("SY", "sy04", Lat: -90.5m, Lon: 30m) }, "location.lat" },
        { "longitude too high", PalmyraBus() with { Location = new Location("SY", "sy04", Lat: 30m, Lon: 180.5m) }, "location.lon" },
        { "longitude too low", PalmyraBus() with { Location = new Location("SY", "sy04", Lat: 30m, Lon: -180.5m) }, "location.lon" },
        { "latitude without longitude", PalmyraBus() with { Location = new Location("SY", "sy04", Lat: 30m) }, "location.lat" },
        { "bad type", PalmyraBus() with { Type = "Car Bomb" }, "type" },
        { "bad perpetrator", PalmyraBus() with { Perpetrator = "Islamic State" }, "perpetrator" },
        { "long description", PalmyraBus() with { Description = Long5001 }, "description" },
        { "figure with a bad party", PalmyraBus() with { Figures = [Good with { Party = "Syrian Army" }] }, "figures[0].party" },
        { "attack count on an incident", PalmyraBus() with { Figures = [Good with { Category = FigureCategory.Attacks }] }, "figures[0].category" },
        { "negative count", PalmyraBus() with { Figures = [Good, Good with { Party = "ndf", Value = new ExactValue(-1) }] }, "figures[1].value.value" },
        { "range low above high", PalmyraBus() with { Figures = [Good with { Value = new RangeValue(9, 3) }] }, "figures[0].value" },
        { "future publication", PalmyraBus() with { Figures = [Good with { PublishedAt = Future }] }, "figures[0].publishedAt" },
        { "script url", PalmyraBus() with { Figures = [Good with { Url = "javascript:alert(1)" }] }, "figures[0].url" },
        { "long quote", PalmyraBus() with { Figures = [Good with { Quote = new string('q', 2001) }] }, "figures[0].quote" },
        { "negative breakdown", PalmyraBus() with { Figures = [Good with { Breakdown = new Dictionary<string, int> { ["women"] = -1 } }] }, "figures[0].breakdown.women" },
        { "empty unquantified text", PalmyraBus() with { Figures = [Good with { Value = new UnquantifiedValue(" ") }] }, "figures[0].value.text" },
    };

    public static TheoryData<string, IncidentCommand, string> OnAReportedIncident() => new()
    {
        { "figure with a bad party", Good with { Party = "x" }, "party" },
        { "figure with a negative count", Good with { Value = new AtLeastValue(-2) }, "value.value" },
        { "figure published in the future", Good with { PublishedAt = Future }, "publishedAt" },
        { "revision without a reason", new ReviseFigure(Figure, new ExactValue(7), ""), "reason" },
        { "revision to a negative count", new ReviseFigure(Figure, new AtMostValue(-7), "r"), "value.value" },
        { "revision published in the future", new ReviseFigure(Figure, new ExactValue(7), "r", Future), "publishedAt" },
        { "revision with a script url", new ReviseFigure(Figure, new ExactValue(7), "r", Url: "javascript:void(0)"), "url" },
        { "dispute by a bad slug", new DisputeFigure(Figure, "Ministry Of Health", "r"), "disputedBy" },
        { "dispute by the source itself", new DisputeFigure(Figure, "sohr", "r"), "disputedBy" },
        { "dispute without a reason", new DisputeFigure(Figure, "sana", ""), "reason" },
        { "dispute with a negative counter value", new DisputeFigure(Figure, "sana", "r", new ApproximateValue(-1)), "counterValue.value" },
        { "dispute published in the future", new DisputeFigure(Figure, "sana", "r", PublishedAt: Future), "publishedAt" },
        { "retraction without a reason", new RetractFigure(Figure, " "), "reason" },
        { "correction without a reason", new CorrectIncident("", Type: "raid"), "reason" },
        { "correction that changes nothing", new CorrectIncident("none"), "occurred" },
        { "correction to the future", new CorrectIncident("r", new Occurrence(new DateOnly(2025, 1, 1))), "occurred.date" },
        { "correction to a bad place", new CorrectIncident("r", Location: new Location("Syria", "sy04")), "location.country" },
        { "correction to a bad type", new CorrectIncident("r", Type: "Car Bomb"), "type" },
        { "incident retraction without a reason", new RetractIncident(""), "reason" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_report_with_one_bad_field_is_refused_naming_it(string name, IncidentCommand command, string field) =>
        Refused(new IncidentScenario(), command, field, name);

    [Theory]
    [MemberData(nameof(OnAReportedIncident))]
    public void A_change_with_one_bad_field_is_refused_naming_it(string name, IncidentCommand command, string field) =>
        Refused(new IncidentScenario().Given(PalmyraBus(), Killed(Sohr, new AtLeastValue(14))), command, field, name);

    private static void Refused(IncidentScenario s, IncidentCommand command, string field, string name)
    {
        var before = s.Log.Count;
        var d = s.When(command);
        d.IsAccepted.Should().BeFalse(name);
        d.Error!.Kind.Should().Be(DomainErrorKind.Invalid, name);
        d.Error.Field.Should().Be(field, name);
        // The message says which field, in words: its last name without the index ("women", "date", "reason").
        var leaf = field.Split('.')[^1].Split('[')[0];
        d.Error.Message.Should().Contain(leaf, name);
        s.Log.Count.Should().Be(before, $"{name} records nothing");
    }
}
