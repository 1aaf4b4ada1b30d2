using Ledger.Reconciliation;

namespace Ledger.Incidents;

/// <summary>How a figure's report stands now: its value is the figure's current one, was replaced by a revision,
/// or the figure was withdrawn or excluded by an upheld dispute.</summary>
public enum FigureReportStatus { Current, Revised, Retracted, Excluded }

/// <summary>One report of a figure: its first report or a revision, each with its own value, quote, URL and dates,
/// and where the log holds it. A figures export is these rows, so that an analyst sees every number a source gave.</summary>
public sealed record FigureReport(
    FigureState Figure, FigureValue Value, DateTimeOffset? PublishedAt, string? Url, string? Quote, DateTimeOffset RecordedAt, long Position,
    FigureReportStatus Status);

public static class FigureReports
{
    /// <summary>Every report of every figure of one incident's stream, in log order. Pure: a fold of the events.</summary>
    public static IReadOnlyList<FigureReport> Of(IEnumerable<(IIncidentEvent Event, EventContext Context)> events)
    {
        var state = IncidentState.Initial;
        var reports = new List<(string FigureId, FigureValue Value, DateTimeOffset? PublishedAt, string? Url, string? Quote, EventContext At)>();
        foreach (var (e, ctx) in events)
        {
            state = state.Apply(e, ctx);
            if (e is FigureReported r) reports.Add((r.FigureId, r.Value, r.PublishedAt, r.Url, r.Quote, ctx));
            else if (e is FigureRevised v) reports.Add((v.FigureId, v.Value, v.PublishedAt, v.Url, v.Quote, ctx));
        }
        var last = reports.Select((r, i) => (r.FigureId, i)).GroupBy(x => x.FigureId).ToDictionary(g => g.Key, g => g.Max(x => x.i));
        return reports.Select((r, i) =>
        {
            var figure = state.Figures[r.FigureId];
            var status = i < last[r.FigureId] ? FigureReportStatus.Revised : figure.Status switch
            {
                FigureStatus.Retracted => FigureReportStatus.Retracted,
                FigureStatus.Excluded => FigureReportStatus.Excluded,
                _ => FigureReportStatus.Current,
            };
            return new FigureReport(figure, r.Value, r.PublishedAt, r.Url, r.Quote, r.At.RecordedAt, r.At.Position, status);
        }).ToList();
    }
}
