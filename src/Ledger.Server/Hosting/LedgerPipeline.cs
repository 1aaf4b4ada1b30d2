using Scalar.AspNetCore;
using Ledger.Server.Endpoints;
using Ledger.Server.Http;
using Serilog;

namespace Ledger.Server.Hosting;

/// <summary>The middleware every request passes, in order, and the endpoints.</summary>
public static class LedgerPipeline
{
    public static void UseLedgerPipeline(this WebApplication app)
    {
        var metrics = app.Configuration["Ledger:Metrics"] ?? "loopback";
        // The keys are read now, so that a bad one (a short admin key, two keys of one name) stops the node at start.
        app.Services.GetRequiredService<ApiKeyRing>();
        app.Use((ctx, next) => Correlation.Middleware(ctx, next));
        app.Use((ctx, next) =>
        {
            // JSON keeps quotes and brackets readable (LedgerJson.Readable): no browser may sniff it as HTML.
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            // Our pages load only what the ledger serves: no inline script or style, no frame around them. Scalar's
            // reference page runs its own inline script, so it has a policy of its own (below).
            ctx.Response.Headers.ContentSecurityPolicy = ctx.Request.Path.StartsWithSegments("/scalar")
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
                : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            ctx.Response.Headers.XFrameOptions = "DENY";
            // A NUL in the query reaches no query (PostgreSQL refuses it in text): it is bad input, said as such.
            if (ctx.Request.QueryString.Value is { } q && q.Contains("%00", StringComparison.Ordinal))
                return Problems.Of(400, "Bad request", "the query contains a NUL character (%00)", code: "nul-character").ToResult(ctx).ExecuteAsync(ctx);
            return next();
        });
        // Limits first: a flood's refusals cost a header check and a 429, not a log line and the error pipeline each
        // (one client at full speed once raised writers' p99 7x, most of it spent answering its 429s).
        app.UseRateLimiter();
        app.UseSerilogRequestLogging(o =>
        {
            Logging.RequestLine(o);
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // this host's logger, not the static one
        });
        app.Use((ctx, next) => ctx.RequestServices.GetRequiredService<FailureProblems>().InvokeAsync(ctx, next));
        // What ASP.NET Core answers before our code runs (an unknown route, a wrong method, a wrong media
        // type) is problem+json too, never an empty body.
        app.UseStatusCodePages(async status =>
        {
            var ctx = status.HttpContext;
            var reply = ctx.Response.StatusCode switch
            {
                404 => Problems.NotFound($"there is no {ctx.Request.Path} here; the API is described at /openapi/v1.json", code: "no-such-route"),
                405 => Problems.Of(405, "Method not allowed", $"{ctx.Request.Method} is not allowed on {ctx.Request.Path}"
                    + (ctx.Response.Headers.Allow.Count > 0 ? $"; allowed: {ctx.Response.Headers.Allow}" : ""), code: "method-not-allowed"),
                415 => Problems.Of(415, "Unsupported media type", "send the body as application/json", "Content-Type", "unsupported-media-type"),
                var s => Problems.Of(s, "Error", $"the request failed with status {s}", code: "error"),
            };
            await reply.ToResult(ctx).ExecuteAsync(ctx);
        });
        // A parameter the endpoint does not read is a 400, never silently ignored (?perpetrator= once returned everything).
        app.Use((ctx, next) => QueryParameters.Check(ctx) is { } unknown ? unknown.ToResult(ctx).ExecuteAsync(ctx) : next());
        app.Use((ctx, next) => ReleaseCaching.InvokeAsync(ctx, next));
        if (metrics != "off")
        {
            if (metrics == "loopback")
                app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/metrics"), only => only.Use((ctx, next) =>
                    ctx.Connection.RemoteIpAddress is { } from && !System.Net.IPAddress.IsLoopback(from)
                        ? Problems.Of(403, "Forbidden", "metrics answer callers on this machine only (Ledger:Metrics=loopback)", code: "metrics-loopback-only")
                            .ToResult(ctx).ExecuteAsync(ctx)
                        : next()));
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
        app.MapOpenApi();
        // A browsable reference of the same document, at /scalar (its page and script ship inside the package).
        // Scalar's default fonts come from a third party: the page uses the system's instead, so viewers fetch nothing elsewhere.
        app.MapScalarApiReference(o => o.WithTitle("Incident ledger API").DisableDefaultFonts());
    }

    public static void MapLedgerEndpoints(this WebApplication app)
    {
        Commands.CommandEndpoints.Map(app);
        IncidentReads.Map(app);
        SourceEndpoints.Map(app);
        VocabularyEndpoints.Map(app);
        ActorEndpoints.Map(app);
        Drafting.DraftEndpoints.Map(app);
        RegionEndpoints.Map(app);
        ReleaseEndpoints.Map(app);
        TallyEndpoints.Map(app);
        LedgerEndpoints.Map(app);
        ExportEndpoints.Map(app);
        ImportEndpoints.Map(app);
        ChangeEndpoints.Map(app);
        Web.WebPages.Map(app);
        Web.Desk.SignInPage.Map(app);
        Web.Desk.DeskPage.Map(app);
        Web.Desk.IncidentActions.Map(app);
    }
}
