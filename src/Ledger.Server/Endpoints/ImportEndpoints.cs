using Ledger.EventStore;
using Ledger.Server.Formats;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>An editor imports a UCDP GED version or an ACLED export by posting the CSV: the same checks and the same
/// command path as `ledger import-ucdp` and `import-acled`, all or nothing. Files larger than the body limit
/// (Ledger:MaxBodyBytes) go through the CLI.</summary>
public static class ImportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("imports");
        api.MapWrite("/ucdp", Role.Editor, (HttpContext ctx, WriteContext w, MartenEventStore store, Npgsql.NpgsqlDataSource db) =>
                ctx.Request.Query["version"].ToString() is var version && ForeignImport.VersionProblem(version) is { } wrong
                    ? Task.FromResult(Problems.BadRequest($"version {wrong}", "version"))
                    : ImportAsync(ForeignImport.Ged(version), w, store, db, ctx.RequestAborted))
            .Accepts<string>("text/csv").Produces<ForeignImportReport>(201).Produces<ForeignImportReport>().ProducesProblem(400).ProducesProblem(422)
            .Query(new QueryParameter("version", "string", "the GED version the file is, e.g. 25.1: a later version records UCDP's revisions"));
        api.MapWrite("/acled", Role.Editor, (HttpContext ctx, WriteContext w, MartenEventStore store, Npgsql.NpgsqlDataSource db) =>
                ImportAsync(ForeignImport.Acled, w, store, db, ctx.RequestAborted))
            .Accepts<string>("text/csv").Produces<ForeignImportReport>(201).Produces<ForeignImportReport>().ProducesProblem(422);
    }

    private static async Task<Reply> ImportAsync<TEvent>(ForeignImport.Format<TEvent> format, WriteContext w, MartenEventStore store,
        Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        using var input = new StreamReader(new MemoryStream(w.Body), System.Text.Encoding.UTF8);
        var (report, refusal) = await ForeignImport.RunAsync(format, input, store, db, w.Key.Name, ct: ct);
        if (refusal is not null) return Problems.Invalid($"{refusal}; nothing of the file was stored", "file");
        var head = await store.HeadPositionAsync(ct);
        return new Reply(report!.Appended > 0 ? 201 : 200, report, null, null, head);
    }
}
