using Scalar.AspNetCore;
using System.Diagnostics;
using System.Threading.RateLimiting;
using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Serialization;
using Ledger.Server.Endpoints;
using Ledger.Server.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using Serilog;

namespace Ledger.Server.Hosting;

/// <summary>Builds the ledger's web application: configuration, services, middleware and endpoints.</summary>
public static class LedgerApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var env = Environment.GetEnvironmentVariables();
        var overrides = new Dictionary<string, string?>();
        if (env["LEDGER_DB"] is string db) overrides["Ledger:Db"] = db;
        if (env["LEDGER_OWNER_DB"] is string ownerDb) overrides["Ledger:OwnerDb"] = ownerDb;
        if (env["LEDGER_URLS"] is string urls) overrides["urls"] = urls;
        if (env["LEDGER_CLUSTER"] is string clusterMode) overrides["Ledger:Cluster"] = clusterMode;
        if (env["LEDGER_SILO_PORT"] is string siloPort) overrides["Ledger:SiloPort"] = siloPort;
        if (env["LEDGER_GATEWAY_PORT"] is string gatewayPort) overrides["Ledger:GatewayPort"] = gatewayPort;
        if (env["LEDGER_SILO_ADDRESS"] is string siloAddress) overrides["Ledger:SiloAddress"] = siloAddress;
        if (env["LEDGER_CLUSTER_CERT"] is string clusterCert) overrides["Ledger:ClusterCertificate"] = clusterCert;
        if (env["LEDGER_CLUSTER_CERT_PASSWORD"] is string clusterCertPassword) overrides["Ledger:ClusterCertificatePassword"] = clusterCertPassword;
        if (env["LEDGER_CHECKPOINT_KEY"] is string checkpointKey) overrides["Ledger:CheckpointKey"] = checkpointKey;
        if (env["LEDGER_CHECKPOINT_INTERVAL"] is string checkpointInterval) overrides["Ledger:CheckpointInterval"] = checkpointInterval;
        builder.Configuration.AddInMemoryCollection(overrides);
        if (builder.Configuration["urls"] is null) builder.WebHost.UseUrls("http://127.0.0.1:5080");

        // Each host keeps its own logger (several run in one test process): the static Log.Logger is left alone.
        builder.Host.UseSerilog((context, _, config) => Logging.Configure(config, context.Configuration), preserveStaticLogger: true);

        builder.Services.Configure<LedgerOptions>(builder.Configuration.GetSection("Ledger"));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            LedgerJson.Configure(o.SerializerOptions);
            o.SerializerOptions.Encoder = LedgerJson.Readable.Encoder;
        });
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(ServerConnectionString(sp.GetRequiredService<IOptions<LedgerOptions>>().Value)));
        builder.Services.AddSingleton(sp => new MartenEventStore(sp.GetRequiredService<NpgsqlDataSource>()));
        var cluster = builder.Configuration["Ledger:Cluster"] ?? "localhost";
        if (cluster == "postgres") builder.Services.AddHostedService<LedgerSilo.ClusterSchema>(); // before the silo starts
        var certificate = builder.Configuration["Ledger:ClusterCertificate"] is { Length: > 0 } certPath
            ? ClusterCertificate.Load(certPath, builder.Configuration["Ledger:ClusterCertificatePassword"]) : null;
        builder.UseOrleans(silo => LedgerSilo.Configure(silo, cluster, certificate));
        builder.Services.AddSingleton<IStreamStates, GrainStates>();
        builder.Services.AddSingleton(sp => new ReadModelDaemon(sp.GetRequiredService<MartenEventStore>(), LedgerProjections.All(),
            new ProjectionOptions { ConnectionString = ServerConnectionString(sp.GetRequiredService<IOptions<LedgerOptions>>().Value) },
            sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<TallyQueries>();
        builder.Services.AddSingleton<IncidentQueries>();
        builder.Services.AddSingleton<Changes.ChangeQueries>();
        builder.Services.AddSingleton<SourceQueries>();
        builder.Services.AddSingleton<Ledger.Sources.SourceRecords>();
        builder.Services.AddSingleton<RegionDirectory>();
        builder.Services.AddSingleton(sp => new RegionalFigureQueries(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TallyQueries>()));
        var releaseKey = CheckpointKeyFile(builder.Configuration["Ledger:CheckpointKey"]);
        builder.Services.AddSingleton(sp => new Releases.ReleaseBook(sp.GetRequiredService<NpgsqlDataSource>(), releaseKey));
        builder.Services.AddSingleton<Releases.CheckpointLog>();
        if (releaseKey is not null) builder.Services.AddHostedService(sp => new CheckpointSchedule(sp.GetRequiredService<Releases.CheckpointLog>(), releaseKey,
            sp.GetRequiredService<IOptions<LedgerOptions>>(), sp.GetRequiredService<ILogger<CheckpointSchedule>>()));
        builder.Services.AddSingleton(sp => new Actors.ActorDirectory(sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton<Lookups>();
        // The one command path of the API: the command map's routes, run by the grains.
        builder.Services.AddSingleton(sp => new Commands.CommandService(new Ledger.Grains.GrainCommandHost(sp.GetRequiredService<IGrainFactory>()),
            sp.GetRequiredService<Lookups>().Names));
        builder.Services.AddSingleton(sp => new ApiKeyRing(Keys(sp.GetRequiredService<IOptions<LedgerOptions>>().Value)));
        builder.Services.AddSingleton<ApiKeyCheck>();
        // People sign in on the pages: an encrypted session cookie (Web/Desk). Keys of data protection live in memory
        // unless the operator persists them, so sessions end when the node restarts and are per node in a cluster.
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton(sp => new Web.Desk.PageSessions(sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            sp.GetRequiredService<ApiKeyRing>(), TimeProvider.System));
        builder.Services.AddSingleton<Web.Desk.PageWriteFilter>();
        builder.Services.AddSingleton<RequestBody>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<WriteFilter>();
        builder.Services.AddSingleton<ReadFilter>();
        builder.Services.AddSingleton<FailureProblems>();
        builder.Services.AddSingleton<LedgerStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LedgerStartup>());
        builder.Services.AddOpenApi(ApiDocument.Configure);
        var metrics = builder.Configuration["Ledger:Metrics"] ?? "loopback";
        if (metrics != "off")
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(Telemetry.LedgerMetrics.MeterName)
                .AddMeter("Microsoft.Orleans") // grain calls, activations, messaging: beside our own, on /metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)); // scrapes are rare; never a stale answer
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = 429;
            limiter.OnRejected = async (context, ct) =>
            {
                // A refused caller waits a quarter of a second for its 429: a client looping at full speed then sends a
                // few requests a second per connection instead of thousands, and waiting costs the server nothing.
                context.HttpContext.Response.Headers.RetryAfter = "1";
                try { await Task.Delay(RefusalDelay, ct); } catch (OperationCanceledException) { return; }
                await Problems.Of(429, "Too many requests", context.HttpContext.Request.Path == "/api/verify"
                        ? "slow down: verifying the whole ledger is limited per client and minute"
                        : HttpMethods.IsPost(context.HttpContext.Request.Method) ? "slow down: the write rate limit was reached" : "slow down: the read rate limit for callers without a key was reached",
                        code: "rate-limited")
                    .ToResult(context.HttpContext).ExecuteAsync(context.HttpContext);
            };
            // Reads without a key, per client address: nobody anonymous can load the server for everyone else. The
            // reads that cost more have a bucket of their own on top.
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                AnonymousReads("anonymous", o => o.AnonymousReadsPerSecond, _ => true, burst: 2),
                // A burst of heavy reads is what raises writers' p99 (ten at once: 6.6x in ops/reliability's emptykey row).
                AnonymousReads("anonymous heavy", o => o.AnonymousHeavyReadsPerSecond, IsHeavyRead, burst: 2));
            // Verifying reads every event of the ledger: a few a minute per client (key or address), whoever asks.
            limiter.AddPolicy("verify", ctx =>
            {
                var perMinute = ctx.RequestServices.GetRequiredService<IOptions<LedgerOptions>>().Value.VerificationsPerMinute;
                if (perMinute <= 0) return RateLimitPartition.GetNoLimiter("off");
                var who = Caller(ctx);
                return RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute, TokensPerPeriod = perMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
            limiter.AddPolicy("writes", ctx =>
            {
                var perSecond = ctx.RequestServices.GetRequiredService<IOptions<LedgerOptions>>().Value.WritesPerSecond;
                if (perSecond <= 0 || !HttpMethods.IsPost(ctx.Request.Method)) return RateLimitPartition.GetNoLimiter("off");
                var who = Caller(ctx);
                return RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
                });
            });
        });

        var app = builder.Build();
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
        ChangeEndpoints.Map(app);
        Web.WebPages.Map(app);
        Web.Desk.SignInPage.Map(app);
        Web.Desk.DeskPage.Map(app);
        Web.Desk.IncidentActions.Map(app);
        return app;
    }

    /// <summary>Keys from configuration (Ledger:ApiKeys), LEDGER_ADMIN_KEY (named "admin") and LEDGER_API_KEYS.</summary>
    private static IEnumerable<ApiKey> Keys(LedgerOptions options)
    {
        foreach (var k in ApiKeyRing.Parse(string.Join(',', options.ApiKeys))) yield return k;
        // The keys that can rewrite the ledger must not be guessable: ops/up generates 32 random characters.
        if (Environment.GetEnvironmentVariable("LEDGER_ADMIN_KEY") is { Length: > 0 } admin)
            yield return ApiKeyRing.Strong(new ApiKey("admin", Role.Admin, admin), "LEDGER_ADMIN_KEY");
        foreach (var k in ApiKeyRing.Parse(Environment.GetEnvironmentVariable("LEDGER_API_KEYS"))) yield return ApiKeyRing.Strong(k, "LEDGER_API_KEYS");
    }

    /// <summary>LEDGER_DB, or the runtime role on the private cluster that ops/pg runs for this checkout.</summary>
    public static string ConnectionString(LedgerOptions options) =>
        !string.IsNullOrWhiteSpace(options.Db) ? options.Db : PrivateCluster("app");

    /// <summary>A server's connections: a transaction left open and idle for 10 s is ended by PostgreSQL. The ledger's
    /// own transactions never wait on anything but the database; one that idles is a node that stopped mid-write
    /// (paused, hung), whose open transaction would otherwise hold every projection below its positions.</summary>
    public static string ServerConnectionString(LedgerOptions options)
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString(options));
        b.Options = $"{b.Options} -c idle_in_transaction_session_timeout=10000".Trim();
        return b.ConnectionString;
    }

    /// <summary>LEDGER_OWNER_DB; with neither it nor LEDGER_DB, the owner role on the private cluster; else none
    /// (a single-role database migrates as LEDGER_DB's role).</summary>
    public static string? OwnerConnectionString(LedgerOptions options) =>
        !string.IsNullOrWhiteSpace(options.OwnerDb) ? options.OwnerDb
        : string.IsNullOrWhiteSpace(options.Db) ? PrivateCluster("owner")
        : null;

    private static string PrivateCluster(string role)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ops", "pg"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("LEDGER_DB is not set and no checkout with ops/pg was found");
        using var p = Process.Start(new ProcessStartInfo(Path.Combine(dir.FullName, "ops", "pg"), $"url ledger {role}") { RedirectStandardOutput = true })!;
        var url = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? url : throw new InvalidOperationException("LEDGER_DB is not set and ops/pg has no cluster: run ops/pg start");
    }

    /// <summary>The checkpoint key, read once at start: a file that is not a PEM key stops the node.</summary>
    private static System.Security.Cryptography.ECDsa? CheckpointKeyFile(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Checkpoint.LoadKey(path, "LEDGER_CHECKPOINT_KEY");

    /// <param name="burst">How many seconds' worth of reads a caller may make at once.</param>
    private static PartitionedRateLimiter<HttpContext> AnonymousReads(string bucket, Func<LedgerOptions, int> rate, Func<HttpContext, bool> applies, int burst) =>
        PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
        {
            var perSecond = rate(ctx.RequestServices.GetRequiredService<IOptions<LedgerOptions>>().Value);
            if (perSecond <= 0 || (HttpMethods.IsPost(ctx.Request.Method) && !IsDraftsPage(ctx)) || KnownKey(ctx) is not null
                || ctx.Request.Path.StartsWithSegments("/health") || ctx.Request.Path.StartsWithSegments("/metrics") || !applies(ctx))
                return RateLimitPartition.GetNoLimiter("off");
            return RateLimitPartition.GetTokenBucketLimiter($"{bucket} {ctx.Connection.RemoteIpAddress?.ToString() ?? "local"}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * burst, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
            });
        });

    /// <summary>How long a caller over a rate limit waits for its 429.</summary>
    private static readonly TimeSpan RefusalDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The key the request presents when this node knows it; null for none, an empty one or a wrong one. Only
    /// a known key lifts the anonymous limits: a header alone, even an empty one, is no credential.</summary>
    private static ApiKey? KnownKey(HttpContext ctx) =>
        ctx.Request.Headers[Http.Pipeline.ApiKeyCheck.Header].ToString() is { Length: > 0 } presented
            ? ctx.RequestServices.GetRequiredService<ApiKeyRing>().Find(presented)
            : null;

    /// <summary>Who a per-caller limit counts: a known key by its name, anyone else by address. An unknown key counts as
    /// its address, so that a new made-up key per request never earns a new bucket.</summary>
    private static string Caller(HttpContext ctx) =>
        KnownKey(ctx) is { } key ? "key " + key.Name : ctx.Connection.RemoteIpAddress?.ToString() ?? "local";

    /// <summary>The drafts page posts without a key (it stores nothing), and drafting costs CPU per character.</summary>
    private static bool IsDraftsPage(HttpContext ctx) => ctx.Request.Path == "/drafts";

    /// <summary>Reads whose cost grows with what they hold: an incident and its page and history, a tally's history,
    /// exports, the change feed and the changes, verification, and drafting on the drafts page.</summary>
    private static bool IsHeavyRead(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        return path.StartsWith("/api/exports/", StringComparison.Ordinal) || path == "/api/tallies/history"
            || path == "/api/events" || path.StartsWith("/api/changes", StringComparison.Ordinal) || path == "/changes"
            || path == "/api/verify" || path == "/api/drafts" || (IsDraftsPage(ctx) && HttpMethods.IsPost(ctx.Request.Method))
            || (path.StartsWith("/api/incidents/", StringComparison.Ordinal) && path.Length > "/api/incidents/".Length)
            || (path.StartsWith("/incidents/", StringComparison.Ordinal) && path.Length > "/incidents/".Length);
    }
}
