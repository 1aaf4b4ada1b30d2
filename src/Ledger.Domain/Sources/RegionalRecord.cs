using Ledger.Regions;

namespace Ledger.Sources;

/// <summary>How a source's regional figures fared (totals for an area and a period, such as SOHR's running tolls):
/// how many it reported, how often and which way it revised them, and the disputes against them. A pure fold of the
/// region events up to a point, in log order.</summary>
public sealed record RegionalRecord(int FiguresReported, int FiguresRevised, int Revisions, int RevisedUp, int RevisedDown, int DisputesAgainst)
{
    public static RegionalRecord Of(string source, IEnumerable<(string RegionId, IRegionEvent Event)> log)
    {
        var figures = new Dictionary<(string, string), (Reconciliation.FigureValue Last, int Revisions, int Up, int Down)>();
        var disputes = 0;
        foreach (var (region, e) in log)
        {
            switch (e)
            {
                case RegionalFigureReported r when r.Source == source:
                    figures[(region, r.FigureId)] = (r.Value, 0, 0, 0);
                    break;
                case RegionalFigureRevised r when figures.TryGetValue((region, r.FigureId), out var f):
                    var (before, after) = (f.Last.ToEstimate()?.Best, r.Value.ToEstimate()?.Best);
                    figures[(region, r.FigureId)] = (r.Value, f.Revisions + 1,
                        f.Up + (before is { } b1 && after is { } a1 && a1 > b1 ? 1 : 0), f.Down + (before is { } b2 && after is { } a2 && a2 < b2 ? 1 : 0));
                    break;
                case RegionalFigureDisputed d when figures.ContainsKey((region, d.FigureId)):
                    disputes++;
                    break;
            }
        }
        var all = figures.Values.ToList();
        return new RegionalRecord(all.Count, all.Count(f => f.Revisions > 0), all.Sum(f => f.Revisions), all.Sum(f => f.Up), all.Sum(f => f.Down), disputes);
    }
}
