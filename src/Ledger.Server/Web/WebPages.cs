using System.Reflection;
using Ledger.Projections;
using Ledger.Server.Http;

namespace Ledger.Server.Web;

/// <summary>The read-only web page for people: tallies at /, incidents, one incident, regional figures. Server
/// rendered, with a stylesheet and a small script of ours; no build step, nothing fetched from elsewhere.
/// Anonymous as the API's reads are: where anonymous reads are off, the page says so.</summary>
public static class WebPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(OpenToReaders);
        web.MapGet("/", (HttpContext ctx, TallyQueries tallies, Lookups lookups) =>
            OverviewPage.RenderAsync(ctx, tallies, lookups));
        web.MapGet("/incidents", (HttpContext ctx, IncidentQueries queries, Lookups lookups) =>
            IncidentListPage.RenderAsync(ctx, queries, lookups));
        web.MapGet("/incidents/{id}", (string id, HttpContext ctx, IncidentQueries queries, Lookups lookups, Ledger.EventStore.MartenEventStore store) =>
            IncidentDetailPage.RenderAsync(id, ctx, queries, lookups, store));
        web.MapGet("/regional", (HttpContext ctx, RegionalFigureQueries regional, Lookups lookups, Npgsql.NpgsqlDataSource db) =>
            RegionalPage.RenderAsync(ctx, regional, lookups, db));
        web.MapGet("/changes", (HttpContext ctx, Changes.ChangeQueries changes, Ledger.EventStore.MartenEventStore store, Lookups lookups) =>
            ChangesPage.RenderAsync(ctx, changes, store, lookups));
        web.MapGet("/sources", (HttpContext ctx, Lookups lookups, SourceQueries sources, Ledger.Sources.SourceRecords records, Npgsql.NpgsqlDataSource db) =>
            SourcesPage.ListAsync(ctx, lookups, sources, records, db));
        web.MapGet("/sources/{id}", (string id, HttpContext ctx, Lookups lookups, Ledger.Sources.SourceRecords records, Npgsql.NpgsqlDataSource db) =>
            SourcesPage.OneAsync(id, ctx, lookups, records, db));
        web.MapGet("/drafts", (Func<HttpContext, Task<IResult>>)(ctx => NoParameters(ctx, "Drafts") ?? Task.FromResult(DraftsPage.Form())));
        // Drafting stores nothing, so the page may post without a key; the writes limiter bounds its cost.
        web.MapPost("/drafts", (Func<HttpContext, Task<IResult>>)DraftsPage.DraftAsync).RequireRateLimiting("writes").DisableAntiforgery();
        var assets = app.MapGroup("/web").ExcludeFromDescription();
        assets.MapGet("/site.css", () => Asset("site.css", "text/css; charset=utf-8"));
        assets.MapGet("/site.js", () => Asset("site.js", "text/javascript; charset=utf-8"));
    }

    /// <summary>Pages are read as the API is: where anonymous reads are off, a page says so instead.</summary>
    private static async ValueTask<object?> OpenToReaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<Desk.PageSessions>().Current(context.HttpContext) is null
        && context.HttpContext.RequestServices.GetRequiredService<ApiKeyCheck>().Authenticate(context.HttpContext, Role.Reader, out _) is null
            ? Html.Page("Sign-in needed", "", "<h1>This ledger is not open to anonymous readers</h1><p>Ask its operator for access and <a href=\"/sign-in\">sign in</a>, or use the API with an X-Api-Key.</p>", 401)
            : await next(context);

    /// <summary>A page that reads no parameter refuses one, as the API does: it would otherwise show the present
    /// under a link that asked for something else.</summary>
    private static Task<IResult>? NoParameters(HttpContext ctx, string active) =>
        ctx.Request.Query.Keys.FirstOrDefault() is { } unknown
            ? Task.FromResult(Html.Page(active, active, $"<p class=\"error\" role=\"alert\">{Html.E(unknown)}: this page takes no parameters</p>", 400))
            : null;

    private static IResult Asset(string name, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("web/" + name)
            ?? throw new InvalidOperationException($"web/{name} is not embedded");
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), contentType);
    }
}
