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
            .Should().BeEquivalentTo("when the source published it (UTC)", "number the source gives");
    }
    [Fact]
    public void Steps_stand_where_the_source_published_them_not_where_an_import_recorded_them()
    {
        // Recorded within a second (an import), published a day and a week later: three steps of width, in that order.
        var svg = Svg(
            Reported(1, "a", new ExactValue(10), 0) with { PublishedAt = T0.AddDays(-8) },
            Reported(2, "a", new ExactValue(12), 0) with { Type = "FigureRevised", PublishedAt = T0.AddDays(-7) },
            Reported(3, "a", new ExactValue(20), 0) with { Type = "FigureRevised", PublishedAt = T0 });
        var x = Figure(svg, "a").Where(e => (string?)e.Attribute("class") == "dot").Select(d => Attr(d, "cx")).ToList();
        x.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (x[1] - x[0]).Should().BeLessThan((x[2] - x[1]) / 3, "a day is less than a third of six days");
        var details = Figure(svg, "a").Where(e => e.Attribute("data-detail") is not null).Select(e => (string)e.Attribute("data-detail")!).ToList();
        details[0].Should().Contain("Published").And.Contain("in the ledger by coder at");
    }

    [Fact]
    public void Two_figures_without_a_number_at_one_time_are_drawn_at_different_places()
    {
        var svg = Svg(Reported(1, "a", new UnquantifiedValue("numerous"), 0), Reported(2, "b", new UnquantifiedValue("a number of"), 0));
        XElement Dot(string id) => Figure(svg, id).Single(e => (string?)e.Attribute("class") == "dot unquantified");
        (Attr(Dot("a"), "cx"), Attr(Dot("a"), "cy")).Should().NotBe((Attr(Dot("b"), "cx"), Attr(Dot("b"), "cy")));
    }
}
