using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>CSV exports with the same filters as the JSON, for spreadsheets and HXL-aware tools.</summary>
public static class ExportEndpoints
{
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
            var csv = TallyTable.Of(await tallies.TalliesAsync(filter, groupBy, ctx.RequestAborted)).ToCsv();
            return csv.ToResult("tallies.csv", bom);
        }).Produces(200, contentType: "text/csv").Query([.. QueryParameters.Tally, QueryParameters.GroupBy, QueryParameters.Bom]);

        api.MapGet("/incidents.csv", async (HttpContext ctx, WriteGate gate, ProjectionRunner runner, IncidentQueries queries, Lookups lookups) =>
        {
            if (await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused) return refused.ToResult(ctx);
            var q = new QueryParams(ctx);
            var filter = await q.IncidentFilterAsync(lookups);
            var bom = q.Bool("bom") ?? true;
            if (q.Problem is not null) return q.Problem.ToResult(ctx);
            var csv = new Csv([("id", "#event+id"), ("title", "#event+name"), ("dateStart", "#date+start"), ("dateEnd", "#date+end"),
                ("datePrecision", "#date+precision"), ("country", "#country+code"), ("admin1", "#adm1+code"), ("admin1Name", "#adm1+name"), ("admin1Given", "#adm1+name+given"),
                ("place", "#loc+name"), ("lat", "#geo+lat"), ("lon", "#geo+lon"), ("type", "#event+type"), ("perpetrator", "#group+perpetrator"),
                ("killedLow", "#affected+killed+min"), ("killed", "#affected+killed"), ("killedHigh", "#affected+killed+max"),
                ("killedCertainty", "#affected+killed+certainty"), ("injured", "#affected+injured"),
                ("contested", "#status+contested"), ("disputed", "#status+disputed"), ("version", "#meta+version")]);
            string? cursor = null;
            do
            {
                var page = await queries.ListAsync(filter, cursor, 500, ctx.RequestAborted);
                foreach (var i in page.Incidents)
                {
                    var s = i.State;
                    var rows = i.Reconciled;
                    Total(rows, FigureCategory.Killed, out var kl, out var kb, out var kh);
                    Total(rows, FigureCategory.Injured, out _, out var ib, out _);
                    csv.Row(s.Id, s.Title, s.Occurred!.Date, s.Occurred.EndDate, FigureIds.Kebab(s.Occurred.Precision), s.Location!.Country,
                        s.Location.Admin1, lookups.NameOf(s.Location.Admin1), s.Location.Admin1Given, s.Location.Place, s.Location.Lat, s.Location.Lon,
                        s.Type, s.Perpetrator, kl, kb, kh, CertaintyOfBest(s, rows, FigureCategory.Killed), ib,
                        rows.Any(r => r.Contested), s.Disputes.Values.Any(d => d.Outcome is null), i.Version);
                }
                cursor = page.NextCursor;
            } while (cursor is not null);
            return csv.ToResult("incidents.csv", bom);
        }).Produces(200, contentType: "text/csv").Query([.. QueryParameters.IncidentFilters, QueryParameters.Bom]);
    }

    /// <summary>The weakest certainty among the current figures a category's best estimates rest on: "claimed"
    /// when any part of the killed count is only the perpetrator's word.</summary>
    private static string? CertaintyOfBest(IncidentState state, IReadOnlyList<ReconciledEstimate> rows, FigureCategory category)
    {
        var certainties = rows.Where(r => r.Category == category && r.BestSource is not null)
            .SelectMany(r => state.Figures.Values.Where(f => f.Status == FigureStatus.Active && f.Category == category
                && f.PartyClass == r.PartyClass && f.Source == r.BestSource && f.Value is not UnquantifiedValue))
            .Select(f => f.Certainty).ToList();
        return certainties.Count == 0 ? null : FigureIds.Kebab(certainties.Min());
    }

    private static void Total(IReadOnlyList<ReconciledEstimate> rows, FigureCategory category, out long? low, out long? best, out long? high)
    {
        var quantified = rows.Where(r => r.Category == category && r.Best is not null).ToList();
        low = quantified.Count == 0 ? null : quantified.Sum(r => r.Low);
        best = quantified.Count == 0 ? null : quantified.Sum(r => r.Best);
        high = quantified.Count == 0 ? null : quantified.Sum(r => r.High);
    }
}
