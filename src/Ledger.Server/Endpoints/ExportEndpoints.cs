using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Server.Http;
using Ledger.Server.Web;

namespace Ledger.Server.Endpoints;

/// <summary>CSV exports with the same filters as the JSON, for spreadsheets and HXL-aware tools.</summary>
public static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exports").WithTags("exports");
        ForeignExports.Map(api);
        SourceRecordExport.Map(api);
        api.MapRead("/tallies.csv", async (HttpContext ctx, TallyQueries tallies, Lookups lookups, Npgsql.NpgsqlDataSource db) =>
        {
            var q = new QueryParams(ctx);
            var filter = await q.TallyFilterAsync(lookups);
            var groupBy = q.GroupBy("groupBy");
            var bom = q.Bool("bom") ?? true;
            if (q.Problem is not null) return q.Problem;
            var result = await TallyEndpoints.TallyAsync(tallies, filter, groupBy, lookups, ctx.RequestAborted);
            var point = result.AsOfPosition is { } p ? await ReadPoint.AtAsync(db, p, ctx.RequestAborted) : null;
            var csv = TallyTable.Of(result).ToCsv(point, q.Text("release"));
            return csv.ToResult("tallies.csv", bom);
        }).Produces(200, contentType: "text/csv").Query([.. QueryParameters.Tally, QueryParameters.GroupBy, QueryParameters.Bom]);

        api.MapRead("/incidents.csv", async (HttpContext ctx, IncidentQueries queries, Lookups lookups,
            Npgsql.NpgsqlDataSource db) =>
        {
            var q = new QueryParams(ctx);
            var filter = await q.IncidentFilterAsync(lookups);
            var bom = q.Bool("bom") ?? true;
            if (q.Problem is not null) return q.Problem;
            var point = await PointOfAsync(db, filter, ctx.RequestAborted);
            filter = filter with { AsOfPosition = point?.Position };
            return Csv.Streamed([("id", "#event+id"), ("title", "#event+name"), ("dateStart", "#date+start"), ("dateEnd", "#date+end"),
                ("datePrecision", "#date+precision"), ("date", "#date+text"), ("country", "#country+code"), ("admin1", "#adm1+code"), ("admin1Name", "#adm1+name"),
                ("admin1Given", "#adm1+name+given"), ("place", "#loc+name"), ("lat", "#geo+lat"), ("lon", "#geo+lon"), ("type", "#event+type"),
                ("perpetrator", "#group+perpetrator"),
                .. IncidentCategories.SelectMany(CategoryColumns),
                ("sources", "#meta+source"), ("contested", "#status+contested"), ("disputed", "#status+disputed"), ("version", "#meta+version")],
                "incidents.csv", bom, async (csv, ct) =>
            {
                string? cursor = null;
                do
                {
                    var page = await queries.ListAsync(filter, cursor, 500, ct, point);
                    foreach (var i in page.Incidents)
                    {
                        var s = i.State;
                        var rows = i.Reconciled;
                        // "4" beside "a number of civilians also died" would read as the whole toll: the flag says more died than the number.
                        csv.Row([s.Id, s.Title, s.Occurred!.Start, s.Occurred.End, FigureIds.Kebab(s.Occurred.Precision), s.Occurred.Text, s.Location!.Country,
                            Html.PCode(s.Location.Admin1), lookups.NameOf(s.Location.Admin1), s.Location.Admin1Given, s.Location.Place, s.Location.Lat, s.Location.Lon,
                            s.Type, s.Perpetrator,
                            .. IncidentCategories.SelectMany(c => CategoryValues(s, rows, c)),
                            string.Join(' ', s.Figures.Values.Where(f => f.Status == FigureStatus.Active).Select(f => f.Source).Distinct().Order(StringComparer.Ordinal)),
                            rows.Any(r => r.Contested), s.Disputes.Values.Any(d => d.Outcome is null), i.Version]);
                    }
                    await csv.FlushAsync(ct);
                    cursor = page.NextCursor;
                } while (cursor is not null);
            }, point, q.Text("release"));
        }).Produces(200, contentType: "text/csv").Query([.. QueryParameters.IncidentFilters, QueryParameters.Bom]);

        api.MapRead("/figures.csv", async (HttpContext ctx, IncidentQueries queries, SourceQueries sources,
            MartenEventStore store, Lookups lookups) =>
        {
            var q = new QueryParams(ctx);
            var filter = await q.IncidentFilterAsync(lookups);
            var bom = q.Bool("bom") ?? true;
            if (q.Problem is not null) return q.Problem;
            var point = await PointOfAsync(store.DataSource, filter, ctx.RequestAborted);
            filter = filter with { AsOfPosition = point?.Position };
            var upTo = point?.Position ?? long.MaxValue;
            var registered = (await sources.ListAsync(ctx.RequestAborted)).ToDictionary(s => s.Id, StringComparer.Ordinal);
            return Csv.Streamed([("incident", "#event+id"), ("country", "#country+code"), ("admin1", "#adm1+code"), ("dateStart", "#date+start"),
                ("dateEnd", "#date+end"), ("datePrecision", "#date+precision"), ("figure", "#indicator+id"), ("source", "#meta+source+id"),
                ("sourceName", "#meta+source+name"), ("sourceKind", "#meta+source+type"), ("category", "#indicator+category"), ("party", "#group+affected"),
                ("partyClass", "#group+affected+type"), ("valueKind", "#indicator+kind"), ("low", "#affected+min"), ("best", "#affected+num"),
                ("high", "#affected+max"), ("highOpen", "#affected+max+open"), ("valueText", "#indicator+text"), ("certainty", "#meta+certainty"), ("status", "#status"),
                ("publishedAt", "#date+published"), ("url", "#meta+url"), ("quote", "#meta+quote"), ("recordedAt", "#date+recorded"), ("position", "#meta+position")],
                "figures.csv", bom, async (csv, ct) =>
            {
                string? cursor = null;
                do
                {
                    var page = await queries.ListAsync(filter, cursor, 500, ct, point);
                    // Revised values are in the log, not in the current state: one read of the page's streams.
                    var streams = await store.ReadStreamsAsync(page.Incidents.Select(i => IncidentDecider.Kind.StreamFor(i.State.Id!)).ToList(), ct);
                    foreach (var i in page.Incidents)
                    {
                        var s = i.State;
                        var events = streams[IncidentDecider.Kind.StreamFor(s.Id!)].Where(e => e.Position <= upTo).Select(e => ((IIncidentEvent)Ledger.Serialization.EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context));
                        foreach (var r in FigureReports.Of(events))
                        {
                            var f = r.Figure;
                            var estimate = r.Value.ToEstimate();
                            var source = registered.GetValueOrDefault(f.Source);
                            csv.Row(s.Id, s.Location!.Country, Html.PCode(s.Location.Admin1), s.Occurred!.Start, s.Occurred.End, FigureIds.Kebab(s.Occurred.Precision),
                                f.FigureId, f.Source, source?.Name, FigureIds.Kebab(f.SourceKind), FigureIds.Kebab(f.Category), f.Party, FigureIds.Kebab(f.PartyClass),
                                ValueKind(r.Value), estimate?.Low, estimate?.Best, estimate?.High, estimate is null ? null : r.Value is AtLeastValue, r.Value.ToString(), FigureIds.Kebab(f.Certainty),
                                FigureIds.Kebab(r.Status), r.PublishedAt, r.Url, r.Quote, r.RecordedAt, r.Position);
                        }
                    }
                    await csv.FlushAsync(ct);
                    cursor = page.NextCursor;
                } while (cursor is not null);
            }, point, q.Text("release"));
        }).Produces(200, contentType: "text/csv").Query([.. QueryParameters.IncidentFilters, QueryParameters.Bom]);
    }

    /// <summary>The past point an export shows, resolved once before its first page (null: the present).</summary>
    private static async Task<ReadPoint?> PointOfAsync(Npgsql.NpgsqlDataSource db, IncidentListFilter filter, CancellationToken ct) =>
        await ReadPoint.ResolveAsync(db, filter.AsOfPosition, filter.AsOf, ct) is { } position ? await ReadPoint.AtAsync(db, position, ct) : null;

    private static string ValueKind(FigureValue v) => v switch
    {
        ExactValue => "exact",
        AtLeastValue => "atLeast",
        AtMostValue => "atMost",
        ApproximateValue => "approximate",
        RangeValue => "range",
        _ => "unquantified",
    };

    /// <summary>How many current figures of a category give no number ("a number of", "numerous").</summary>
    private static int Unquantified(IReadOnlyList<ReconciledEstimate> rows, FigureCategory category) =>
        rows.Where(r => r.Category == category).Sum(r => r.Unquantified);

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

    /// <summary>Every category an incident's figures can have (attacks are counted for regions only): incidents.csv gives
    /// each its columns, so that no figure (Raqqa's captured) vanishes from the export.</summary>
    public static readonly IReadOnlyList<FigureCategory> IncidentCategories = [.. Enum.GetValues<FigureCategory>().Where(c => c != FigureCategory.Attacks)];

    /// <summary>A category's columns: killed, killedLow, killedHigh, killedHighOpen, killedUnquantified, killedCertainty.</summary>
    private static IEnumerable<(string, string)> CategoryColumns(FigureCategory c)
    {
        var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.ToString());
        var tag = "#affected+" + FigureIds.Kebab(c).Replace("-", "");
        return [(name + "Low", tag + "+min"), (name, tag), (name + "High", tag + "+max"), (name + "HighOpen", tag + "+max+open"),
            (name + "Unquantified", tag + "+unquantified"), (name + "Certainty", tag + "+certainty")];
    }

    private static IEnumerable<object?> CategoryValues(IncidentState s, IReadOnlyList<ReconciledEstimate> rows, FigureCategory category)
    {
        var quantified = rows.Where(r => r.Category == category && r.Best is not null).ToList();
        var any = quantified.Count > 0;
        return [any ? quantified.Sum(r => r.Low) : null, any ? quantified.Sum(r => r.Best) : null, any ? quantified.Sum(r => r.High) : null,
            any ? quantified.Any(r => r.HighOpen) : null, Unquantified(rows, category), CertaintyOfBest(s, rows, category)];
    }
}
