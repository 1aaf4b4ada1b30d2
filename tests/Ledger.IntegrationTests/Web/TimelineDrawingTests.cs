using System.Globalization;
using System.Xml.Linq;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Server.Web;

namespace Ledger.IntegrationTests.Web;

/// <summary>What an auditor must be able to trust in the revision timeline: a figure without a number is never
/// drawn where a zero would be, two figures giving the same number stay distinguishable, and both axes say what
/// they measure.</summary>
public sealed class TimelineDrawingTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 10, 8, 0, 0, TimeSpan.Zero);

    private static IncidentHistoryEntry Reported(int i, string figure, FigureValue value, int days) =>
        new(i, "x", i, "FigureReported", T0.AddDays(days), "coder", figure, null, null, value, null, FigureStatus.Active, null);

    private static XElement Svg(params IncidentHistoryEntry[] history)
    {
        var html = RevisionTimeline.Render(history);
        var svg = html[html.IndexOf("<svg class=\"timeline\"", StringComparison.Ordinal)..(html.IndexOf("</svg>", StringComparison.Ordinal) + 6)];
        return XElement.Parse(svg);
    }

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static IEnumerable<XElement> Figure(XElement svg, string id) =>
        svg.Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("data-figure") == id).Descendants();

    [Fact]
    public void A_value_without_a_number_is_drawn_in_its_own_strip_never_at_zero()
    {
        var svg = Svg(Reported(1, "a", new ExactValue(0), 0), Reported(2, "b", new UnquantifiedValue("numerous"), 1));
        var zero = Attr(Figure(svg, "a").Single(e => (string?)e.Attribute("class") == "dot"), "cy");
        var numerous = Attr(Figure(svg, "b").Single(e => (string?)e.Attribute("class") == "dot unquantified"), "cy");
        (zero - numerous).Should().BeGreaterThan(100, "the strip is above the plot, far from where zero is drawn");
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value).Should().Contain("no number");
    }

    [Fact]
    public void Two_figures_giving_the_same_number_at_the_same_time_are_drawn_apart()
    {
        var svg = Svg(Reported(1, "a", new ExactValue(14), 0), Reported(2, "b", new ExactValue(14), 0));
        double Level(string id) => Attr(Figure(svg, id).Single(e => (string?)e.Attribute("class") == "level"), "y1");
        Level("a").Should().NotBe(Level("b"));
        svg.Descendants().Where(e => e.Name.LocalName == "g" && e.Attribute("data-figure") is not null)
            .Select(g => ((string)g.Attribute("class")!).Split(' ')[1]).Should().OnlyHaveUniqueItems("each has its own colour and dash pattern");
    }

    [Fact]
    public void Both_axes_say_what_they_measure()
    {
        var svg = Svg(Reported(1, "a", new ExactValue(14), 0), Reported(2, "a", new ExactValue(20), 3) with { Type = "FigureRevised" });
        svg.Descendants().Where(e => (string?)e.Attribute("class") == "axis-label").Select(t => t.Value)
            .Should().BeEquivalentTo("when recorded (UTC)", "number the source gives");
    }
}
