using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>CSV exports with the same filters as the JSON, for spreadsheets and HXL-aware tools.</summary>
public static class ExportEndpoints
{
    private static readonly Dictionary<TallyDimension, (string Header, string Hxl)> KeyColumns = new()
    {
        [TallyDimension.Admin1] = ("admin1", "#adm1+code"),
        [TallyDimension.Month] = ("month", "#date+month"),
        [TallyDimension.Year] = ("year", "#date+year"),
        [TallyDimension.PartyClass] = ("partyClass", "#group+affected+type"),
        [TallyDimension.Category] = ("category", "#indicator+category"),
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exports").WithTags("exports");
        api.MapGet("/tallies.csv", async (HttpContext ctx, WriteGate gate, ProjectionRunner runner, TallyQueries tallies, Lookups lookups) =>
        {
            if (await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused) return refused.ToResult(ctx);
            var q = new QueryParams(ctx);
            var filter = await q.TallyFilterAsync(lookups);
            var groupBy = q.GroupBy("groupBy");
            var bom = q.Bool("bom") ?? true;
            if (q.Problem is not null) return q.Problem.ToResult(ctx);
            var result = await tallies.TalliesAsync(filter, groupBy, ctx.RequestAborted);
            groupBy = result.GroupBy;
            var columns = groupBy.Select(d => KeyColumns[d]).ToList();
            if (groupBy.Contains(TallyDimension.Admin1)) columns.Insert(groupBy.ToList().IndexOf(TallyDimension.Admin1) + 1, ("admin1Name", "#adm1+name"));
            columns.AddRange([("low", "#affected+min"), ("best", "#affected+num"), ("high", "#affected+max"),
                ("incidents", "#event+num"), ("unquantified", "#event+unquantified+num")]);
            var csv = new Csv(columns);
            foreach (var r in result.Rows)
            {
                var cells = new List<object?>();
                foreach (var d in groupBy)
                {
                    cells.Add(d switch
                    {
                        TallyDimension.Admin1 => r.Admin1, TallyDimension.Month => r.Month, TallyDimension.Year => r.Year,
                        TallyDimension.PartyClass => r.PartyClass is { } pc ? FigureIds.Kebab(pc) : null,
                        _ => r.Category is { } c ? FigureIds.Kebab(c) : null,
                    });
                    if (d == TallyDimension.Admin1) cells.Add(r.Admin1Name);
                }
                cells.AddRange([r.Low, r.Best, r.High, r.Incidents, r.Unquantified]);
                csv.Row([.. cells]);
            }
            return csv.ToResult("tallies.csv", bom);
        }).Produces(200, contentType: "text/csv");

        api.MapGet("/incidents.csv", async (HttpContext ctx, WriteGate gate, ProjectionRunner runner, IncidentQueries queries, Lookups lookups) =>
        {
            if (await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused) return refused.ToResult(ctx);
            var q = new QueryParams(ctx);
            var filter = await q.TallyFilterAsync(lookups);
            var bom = q.Bool("bom") ?? true;
            if (q.Problem is not null) return q.Problem.ToResult(ctx);
            var csv = new Csv([("id", "#event+id"), ("title", "#event+name"), ("dateStart", "#date+start"), ("dateEnd", "#date+end"),
                ("datePrecision", "#date+precision"), ("country", "#country+code"), ("admin1", "#adm1+code"), ("admin1Name", "#adm1+name"), ("admin1Given", "#adm1+name+given"),
                ("place", "#loc+name"), ("lat", "#geo+lat"), ("lon", "#geo+lon"), ("type", "#event+type"), ("perpetrator", "#group+perpetrator"),
                ("killedLow", "#affected+killed+min"), ("killed", "#affected+killed"), ("killedHigh", "#affected+killed+max"),
                ("injured", "#affected+injured"), ("disputed", "#status+disputed"), ("version", "#meta+version")]);
            string? cursor = null;
            do
            {
                var page = await queries.ListAsync(new IncidentListFilter { Country = filter.Country, Admin1 = filter.Admin1, From = filter.From, To = filter.To },
                    cursor, 500, ctx.RequestAborted);
                foreach (var i in page.Incidents)
                {
                    var s = i.State;
                    var rows = i.Reconciled;
                    Total(rows, FigureCategory.Killed, out var kl, out var kb, out var kh);
                    Total(rows, FigureCategory.Injured, out _, out var ib, out _);
                    csv.Row(s.Id, s.Title, s.Occurred!.Date, s.Occurred.EndDate, FigureIds.Kebab(s.Occurred.Precision), s.Location!.Country,
                        s.Location.Admin1, lookups.NameOf(s.Location.Admin1), s.Location.Admin1Given, s.Location.Place, s.Location.Lat, s.Location.Lon,
                        s.Type, s.Perpetrator, kl, kb, kh, ib, s.Disputes.Values.Any(d => d.Outcome is null), i.Version);
                }
                cursor = page.NextCursor;
            } while (cursor is not null);
            return csv.ToResult("incidents.csv", bom);
        }).Produces(200, contentType: "text/csv");
    }

    private static void Total(IReadOnlyList<ReconciledEstimate> rows, FigureCategory category, out long? low, out long? best, out long? high)
    {
        var quantified = rows.Where(r => r.Category == category && r.Best is not null).ToList();
        low = quantified.Count == 0 ? null : quantified.Sum(r => r.Low);
        best = quantified.Count == 0 ? null : quantified.Sum(r => r.Best);
        high = quantified.Count == 0 ? null : quantified.Sum(r => r.High);
    }
}
