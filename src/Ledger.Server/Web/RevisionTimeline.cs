using System.Globalization;
using System.Text;
using Ledger.Incidents;
using Ledger.Reconciliation;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>How each source's figure moved over the time its sources published it (recording time where a source gave no
/// date, and in the details beside it): a step line of its best value per figure, a
/// low–high band under ranges (and an open band above "at least" values), and marks for disputes (▲),
/// resolutions (◆) and retractions (✕). Every step and mark is focusable and carries its details, so
/// hovering or tabbing to it says who recorded what, when and why. Drawn as SVG by our code.</summary>
public static class RevisionTimeline
{
    // The plot lies between Top and H - Bottom; above it, a strip of its own holds the values that give no number
    // ("numerous"), so that none is ever drawn where a zero would be.
    private const double W = 760, H = 300, Left = 64, Right = 16, Strip = 16, Top = 40, Bottom = 40;
    private static readonly string[] Colors = ["#1f6feb", "#d9480f", "#2b8a3e", "#862e9c", "#c92a2a", "#0b7285", "#5c7cfa", "#e67700"];

    private sealed record Step(DateTimeOffset At, FigureValue Value, IncidentHistoryEntry Entry);

    public static string Render(IReadOnlyList<IncidentHistoryEntry> recorded)
    {
        // Each step where the source said it: an imported history (the sample) was recorded within a second, and a
        // revision published a day later would otherwise be a step of no width. Recording time stands in where no
        // publication date was given, and the order of the log breaks ties.
        // An event without a publication date (a resolution, a retraction, a report that gave none) stands at the
        // newest publication before it in the log, so that recording years later does not stretch the axis.
        var when = new Dictionary<long, DateTimeOffset>();
        DateTimeOffset? newest = null;
        foreach (var h in recorded.OrderBy(h => h.Position))
        {
            if (h.PublishedAt is { } p) newest = newest is { } n && n > p ? n : p;
            when[h.Position] = h.PublishedAt ?? newest ?? h.RecordedAt;
        }
        DateTimeOffset When(IncidentHistoryEntry h) => when[h.Position];
        var history = recorded.OrderBy(When).ThenBy(h => h.Position).ToList();
        var figures = history.Where(h => h.FigureId is not null).GroupBy(h => h.FigureId!).ToList();
        if (figures.Count == 0) return "<p class=\"empty\">No figures have been reported for this incident.</p>";
        var t0 = When(history[0]);
        var t1 = When(history[^1]);
        // Over recording time; when everything was recorded within an hour (an import, a busy desk), time would
        // stack the steps on one spot, so they are spread evenly in the order they were recorded.
        var byOrder = t1 - t0 < TimeSpan.FromHours(1);
        // Where each recording time falls in that order: how many came before it and how many share it, counted once
        // (the page stays linear in the incident's events, however many revisions it has).
        var order = new Dictionary<DateTimeOffset, (int Before, int Same)>();
        var sorted = history.Select(When).Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
            order[sorted[i]] = order.TryGetValue(sorted[i], out var seen) ? seen with { Same = seen.Same + 1 } : (i, 1);
        var span = byOrder ? history.Count : (t1 - t0).TotalSeconds;
        var end = t1 + TimeSpan.FromSeconds(byOrder ? 1 : span * 0.06); // the last value holds until now
        double Along(DateTimeOffset t) => byOrder
            ? order.TryGetValue(t, out var o) ? o.Before + 0.5 * o.Same - 0.5 : ~sorted.BinarySearch(t) - 0.5
            : (t - t0).TotalSeconds;
        var width = byOrder ? history.Count : (end - t0).TotalSeconds;
        double X(DateTimeOffset t) => Math.Round(Left + Math.Min(Along(t), width) / width * (W - Left - Right), 1);
        var top = Math.Max(1, history.SelectMany(h => new[] { h.ValueAfter, h.ValueBefore, h.CounterValue }).OfType<FigureValue>()
            .Select(v => v.ToEstimate()).OfType<Estimate>().Select(e => e.High).DefaultIfEmpty(1).Max());
        var yMax = Nice(top * 1.15);
        double Y(long v) => Math.Round(Top + (1 - v / yMax) * (H - Top - Bottom), 1);
        // Lines that coincide (two sources giving the same number at the same time) stay apart: each figure is
        // drawn a little above or below the true value, and with its own dash pattern.
        double Offset(int figure) => figures.Count == 1 ? 0 : (figure % 5 - 2) * 1.5;

        var svg = new StringBuilder($"<svg class=\"timeline\" id=\"timeline\" viewBox=\"0 0 {W} {H}\" role=\"group\" aria-label=\"each source's figure over the time it was published\">");
        foreach (var tick in Ticks(yMax))
            svg.Append($"<line class=\"grid\" x1=\"{Left}\" x2=\"{W - Right}\" y1=\"{Y(tick)}\" y2=\"{Y(tick)}\"/><text class=\"axis\" x=\"{Left - 6}\" y=\"{Y(tick) + 4}\" text-anchor=\"end\">{N(tick)}</text>");
        svg.Append($"<text class=\"axis\" x=\"{Left}\" y=\"{H - Bottom + 16}\">{E(Time(t0))}</text><text class=\"axis\" x=\"{W - Right}\" y=\"{H - Bottom + 16}\" text-anchor=\"end\">{E(Time(t1))}</text>");
        // Both axes say what they measure.
        svg.Append($"<text class=\"axis-label\" x=\"{(W + Left) / 2}\" y=\"{H - 6}\" text-anchor=\"middle\">{(byOrder ? "when published (all within the hour: in that order)" : "when the source published it (UTC)")}</text>")
            .Append($"<text class=\"axis-label\" transform=\"translate(14 {(Top + H - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">number the source gives</text>")
            .Append($"<line class=\"strip\" x1=\"{Left}\" x2=\"{W - Right}\" y1=\"{Strip + 10}\" y2=\"{Strip + 10}\"/><text class=\"axis\" x=\"{Left - 6}\" y=\"{Strip + 4}\" text-anchor=\"end\">no number</text>");

        var legend = new StringBuilder("<ul class=\"legend\">");
        for (var f = 0; f < figures.Count; f++)
        {
            // One of eight colours by class, not an inline style: the pages' Content-Security-Policy allows no inline style.
            var color = $"c{f % Colors.Length}";
            var entries = figures[f].ToList();
            var steps = entries.Where(e => e.Type is "FigureReported" or "FigureRevised" && e.ValueAfter is not null)
                .Select(e => new Step(When(e), e.ValueAfter!, e)).ToList();
            var retracted = entries.FirstOrDefault(e => e.Type == "FigureRetracted") is { } r ? When(r) : (DateTimeOffset?)null;
            var dy = Offset(f);
            double Yf(long v) => Math.Round(Y(v) + dy, 1);
            svg.Append($"<g class=\"figure {color}\" data-figure=\"{E(figures[f].Key)}\">");
            for (var i = 0; i < steps.Count; i++)
            {
                var s = steps[i];
                var until = i + 1 < steps.Count ? steps[i + 1].At : retracted ?? end;
                var (x0, x1) = (X(s.At), Math.Max(X(s.At) + 2, X(until)));
                var estimate = s.Value.ToEstimate();
                var detail = Detail(figures[f].Key, s);
                svg.Append($"<g class=\"step\" tabindex=\"0\" data-step=\"{i + 1}\" data-detail=\"{E(detail)}\"><title>{E(detail)}</title>");
                if (estimate is { } e)
                {
                    if (s.Value is AtLeastValue)
                        svg.Append($"<rect class=\"band open\" x=\"{x0}\" y=\"{Top}\" width=\"{x1 - x0}\" height=\"{Y(e.Low) - Top}\"/>");
                    else if (e.High > e.Low)
                        svg.Append($"<rect class=\"band\" x=\"{x0}\" y=\"{Y(e.High)}\" width=\"{x1 - x0}\" height=\"{Math.Max(1, Y(e.Low) - Y(e.High))}\"/>");
                    svg.Append($"<line class=\"level\" x1=\"{x0}\" x2=\"{x1}\" y1=\"{Yf(e.Best)}\" y2=\"{Yf(e.Best)}\"/>");
                    if (i > 0 && steps[i - 1].Value.ToEstimate() is { } prev)
                        svg.Append($"<line class=\"riser\" x1=\"{x0}\" x2=\"{x0}\" y1=\"{Yf(prev.Best)}\" y2=\"{Yf(e.Best)}\"/>");
                    svg.Append($"<circle class=\"dot\" cx=\"{x0}\" cy=\"{Yf(e.Best)}\" r=\"4.5\"/>");
                }
                else
                {
                    // "numerous": no number to draw, a hollow mark in the strip above the plot, never on its zero.
                    // Two figures without a number at one time are drawn side by side, never one on the other.
                    svg.Append($"<circle class=\"dot unquantified\" cx=\"{x0 + UnquantifiedShift(f, figures.Count)}\" cy=\"{Strip + 10}\" r=\"5\"/>");
                }
                svg.Append("</g>");
            }
            var current = -1; // the step each mark stands on: both run in log order
            foreach (var m in entries.Where(e => e.Type is "FigureDisputed" or "DisputeResolved" or "FigureRetracted"))
            {
                while (current + 1 < steps.Count && steps[current + 1].At <= When(m)) current++;
                var at = current < 0 ? null : steps[current].Value.ToEstimate();
                // On the value it concerns; a mark on a value without a number sits in the strip, not on zero.
                var (x, y) = (X(When(m)), at is { } v ? Yf(v.Best) : Strip + 10);
                var (glyph, cls) = m.Type switch { "FigureDisputed" => ("▲", "dispute"), "DisputeResolved" => ("◆", "resolution"), _ => ("✕", "retraction") };
                var detail = MarkDetail(figures[f].Key, m);
                svg.Append($"<g class=\"mark {cls}\" tabindex=\"0\" data-detail=\"{E(detail)}\"><title>{E(detail)}</title><text x=\"{x}\" y=\"{y - 9}\" text-anchor=\"middle\">{glyph}</text></g>");
            }
            svg.Append("</g>");
            var first = steps.FirstOrDefault()?.Entry;
            legend.Append($"<li class=\"{color}\"><svg class=\"swatch\" width=\"28\" height=\"10\" aria-hidden=\"true\"><line class=\"level\" x1=\"0\" x2=\"28\" y1=\"5\" y2=\"5\"/></svg>{E(figures[f].Key)}"
                + (first?.Certainty is { } c ? $" <span class=\"tag{(c == Certainty.Claimed ? " contested" : "")}\">{E(FigureIds.Kebab(c))}</span>" : "")
                + $" — {steps.Count} {(steps.Count == 1 ? "value" : "values")}</li>");
        }
        svg.Append("</svg>");
        legend.Append("</ul>");
        return "<figure class=\"timeline-figure\">" + svg + legend
            + "<p id=\"step-detail\" class=\"step-detail\" aria-live=\"polite\">Hover over or tab to a step or a mark to see who recorded it, when and why.</p>"
            + "<figcaption>Each line is one source's figure; a step is a revision. Shaded: the low–high range of a range, and everything above an \"at least\". ▲ dispute, ◆ resolution, ✕ retraction.</figcaption></figure>";
    }

    private static double UnquantifiedShift(int figure, int figures) => figures == 1 ? 0 : (figure % 5 - 2) * 11;

    private static string Detail(string figureId, Step s)
    {
        var e = s.Entry;
        var kind = JsonKind(s.Value);
        return $"{figureId}: {s.Value} ({kind}{(e.Certainty is { } c ? ", " + FigureIds.Kebab(c) : "")}). "
            + (e.PublishedAt is { } published ? $"Published {Time(published)}; {(e.Type == "FigureReported" ? "reported" : "revised")}" : e.Type == "FigureReported" ? "Reported" : "Revised")
            + $" in the ledger by {e.RecordedBy} at {Time(e.RecordedAt)}"
            + (e.ValueBefore is { } before && e.Type == "FigureRevised" ? $", was {before}" : "")
            + (e.Reason is { Length: > 0 } r ? $". Why: {r}" : "") + ".";
    }

    private static string MarkDetail(string figureId, IncidentHistoryEntry m) => m.Type switch
    {
        "FigureDisputed" => $"{figureId} disputed by {m.DisputedBy}{(m.CounterValue is { } cv ? $", who says {cv}" : "")} (recorded by {m.RecordedBy} at {Time(m.RecordedAt)}). Why: {m.Reason}.",
        "DisputeResolved" => $"Dispute on {figureId} {(m.Outcome is { } o ? FigureIds.Kebab(o) : "resolved")} by {m.RecordedBy} at {Time(m.RecordedAt)}. Note: {m.Reason}.",
        _ => $"{figureId} retracted by the source (recorded by {m.RecordedBy} at {Time(m.RecordedAt)}). Why: {m.Reason}.",
    };

    private static string JsonKind(FigureValue v) => v switch
    {
        ExactValue => "exact", AtLeastValue => "at least", AtMostValue => "at most", ApproximateValue => "approximate", RangeValue => "range", _ => "unquantified",
    };

    private static double Nice(double v)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, v))));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 }) if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static IEnumerable<long> Ticks(double yMax)
    {
        var step = Math.Max(1, (long)(yMax / 4));
        for (long t = 0; t <= yMax + 0.5; t += step) yield return t;
    }
}
