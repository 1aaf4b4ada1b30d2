using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Server.Http;
using Ledger.Sources;

namespace Ledger.Server.Endpoints;

/// <summary><c>sources.csv</c>: every source's record (docs/CONTRACT.md §1) as of now, a position or a release, a row a
/// source, so that two sources (or a source before and after a release) compare side by side in a spreadsheet.</summary>
public static class SourceRecordExport
{
    private static readonly (string, string)[] Columns =
    [
        ("source", "#org+id"), ("name", "#org+name"), ("kind", "#org+type"), ("rank", "#org+rank"),
        ("figuresReported", "#indicator+figures"), ("claimed", "#indicator+figures+claimed"), ("unquantified", "#indicator+figures+unquantified"),
        ("figuresRevised", "#indicator+figures+revised"), ("revisions", "#indicator+revisions"), ("revisedUp", "#indicator+revisions+up"),
        ("revisedDown", "#indicator+revisions+down"), ("medianRelativeChange", "#indicator+change+median"),
        ("medianDaysToLastRevision", "#indicator+days+median"),
        ("disputesAgainst", "#indicator+disputes+against"), ("disputesAgainstUpheld", "#indicator+disputes+against+upheld"),
        ("disputesAgainstDismissed", "#indicator+disputes+against+dismissed"), ("disputesAgainstOpen", "#indicator+disputes+against+open"),
        ("disputesRaised", "#indicator+disputes+raised"), ("disputesRaisedUpheld", "#indicator+disputes+raised+upheld"),
        ("disputesRaisedDismissed", "#indicator+disputes+raised+dismissed"), ("disputesRaisedOpen", "#indicator+disputes+raised+open"),
        ("retractions", "#indicator+retractions"), ("incidents", "#indicator+incidents"),
        ("compared", "#indicator+figures+compared"), ("agreed", "#indicator+figures+agreed"),
        ("regionalFigures", "#indicator+figures+regional"), ("regionalRevisions", "#indicator+revisions+regional"),
        ("regionalDisputed", "#indicator+disputes+regional"),
    ];

    public static void Map(RouteGroupBuilder api) =>
        api.MapRead("/sources.csv", async (HttpContext ctx, Lookups lookups, SourceQueries sources,
            SourceRecords records, Npgsql.NpgsqlDataSource db) =>
        {
            var q = new QueryParams(ctx);
            var asOf = await q.AsOfWithinHeadAsync(lookups, db, ctx.RequestAborted);
            var bom = q.Bool("bom") ?? true;
            if (q.Problem is not null) return q.Problem;
            var listed = await sources.ListAsync(ctx.RequestAborted);
            var all = await records.OfAllAsync(listed.Select(s => s.Id), asOf, ctx.RequestAborted);
            var point = asOf is { } at ? await ReadPoint.AtAsync(db, at, ctx.RequestAborted) : null;
            var csv = new Csv(Columns, point, q.Text("release"));
            foreach (var (s, r) in listed.Zip(all))
                csv.Row(s.Id, s.Name, FigureIds.Kebab(s.Kind), s.EffectiveRank, r.FiguresReported, r.Claimed, r.Unquantified, r.FiguresRevised, r.Revisions,
                    r.RevisedUp, r.RevisedDown, r.MedianRelativeChange, r.MedianDaysToLastRevision,
                    r.DisputesAgainst.Total, r.DisputesAgainst.Upheld, r.DisputesAgainst.Dismissed, r.DisputesAgainst.Open,
                    r.DisputesRaised.Total, r.DisputesRaised.Upheld, r.DisputesRaised.Dismissed, r.DisputesRaised.Open, r.Retractions, r.Incidents,
                    r.Compared, r.Agreed, r.Regional?.FiguresReported ?? 0, r.Regional?.Revisions ?? 0, r.Regional?.DisputesAgainst ?? 0);
            return csv.ToResult("sources.csv", bom);
        }).Produces(200, contentType: "text/csv")
            .Query(new QueryParameter("asOfPosition", "integer", "every record as the ledger stood at this global position (a position not yet reached is a 400)", Minimum: 0),
                QueryParameters.Release, QueryParameters.Bom);
}
