using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Serialization;
using Ledger.Server.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;

namespace Ledger.Server.Hosting;

/// <summary>The ledger's services: the database, the event store and its read models, Orleans, the command path,
/// keys and sessions, the filters of the pipeline, OpenAPI and metrics.</summary>
public static class LedgerServices
{
    public static void AddLedgerServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<LedgerOptions>(configuration.GetSection("Ledger"));
        services.ConfigureHttpJsonOptions(o =>
        {
            LedgerJson.Configure(o.SerializerOptions);
            o.SerializerOptions.Encoder = LedgerJson.Readable.Encoder;
        });
        services.AddSingleton(sp => NpgsqlDataSource.Create(LedgerApp.ServerConnectionString(sp.GetRequiredService<IOptions<LedgerOptions>>().Value)));
        services.AddSingleton(sp => new MartenEventStore(sp.GetRequiredService<NpgsqlDataSource>()));
        var cluster = configuration["Ledger:Cluster"] ?? "localhost";
        if (cluster == "postgres") services.AddHostedService<LedgerSilo.ClusterSchema>(); // before the silo starts
        var certificate = configuration["Ledger:ClusterCertificate"] is { Length: > 0 } certPath
            ? ClusterCertificate.Load(certPath, configuration["Ledger:ClusterCertificatePassword"]) : null;
        builder.UseOrleans(silo => LedgerSilo.Configure(silo, cluster, certificate));
        services.AddSingleton<IStreamStates, GrainStates>();
        services.AddSingleton(sp => new ReadModelDaemon(sp.GetRequiredService<MartenEventStore>(), LedgerProjections.All(),
            new ProjectionOptions { ConnectionString = LedgerApp.ServerConnectionString(sp.GetRequiredService<IOptions<LedgerOptions>>().Value) },
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<TallyQueries>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<Changes.ChangeQueries>();
        services.AddSingleton<SourceQueries>();
        services.AddSingleton<Ledger.Sources.SourceRecords>();
        services.AddSingleton<RegionDirectory>();
        services.AddSingleton(sp => new RegionalFigureQueries(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TallyQueries>()));
        var releaseKey = CheckpointKeyFile(configuration["Ledger:CheckpointKey"]);
        services.AddSingleton(sp => new Releases.ReleaseBook(sp.GetRequiredService<NpgsqlDataSource>(), releaseKey));
        services.AddSingleton<Releases.CheckpointLog>();
        if (releaseKey is not null) services.AddHostedService(sp => new CheckpointSchedule(sp.GetRequiredService<Releases.CheckpointLog>(), releaseKey,
            sp.GetRequiredService<IOptions<LedgerOptions>>(), sp.GetRequiredService<ILogger<CheckpointSchedule>>()));
        services.AddSingleton(sp => new Actors.ActorDirectory(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<Lookups>();
        // The one command path of the API: the command map's routes, run by the grains.
        services.AddSingleton(sp => new Commands.CommandService(new Ledger.Grains.GrainCommandHost(sp.GetRequiredService<IGrainFactory>()),
            sp.GetRequiredService<Lookups>().Names));
        services.AddSingleton(sp => new ApiKeyRing(Keys(sp.GetRequiredService<IOptions<LedgerOptions>>().Value)));
        services.AddSingleton<ApiKeyCheck>();
        // People sign in on the pages: an encrypted session cookie (Web/Desk). Keys of data protection live in memory
        // unless the operator persists them, so sessions end when the node restarts and are per node in a cluster.
        services.AddDataProtection();
        services.AddSingleton(sp => new Web.Desk.PageSessions(sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            sp.GetRequiredService<ApiKeyRing>(), TimeProvider.System));
        services.AddSingleton<Web.Desk.PageWriteFilter>();
        services.AddSingleton<RequestBody>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<WriteFilter>();
        services.AddSingleton<ReadFilter>();
        services.AddSingleton<FailureProblems>();
        services.AddSingleton<LedgerStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerStartup>());
        services.AddOpenApi(ApiDocument.Configure);
        var metrics = configuration["Ledger:Metrics"] ?? "loopback";
        if (metrics != "off")
            services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(Telemetry.LedgerMetrics.MeterName)
                .AddMeter("Microsoft.Orleans") // grain calls, activations, messaging: beside our own, on /metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)); // scrapes are rare; never a stale answer
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

    /// <summary>The checkpoint key, read once at start: a file that is not a PEM key stops the node.</summary>
    private static System.Security.Cryptography.ECDsa? CheckpointKeyFile(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Checkpoint.LoadKey(path, "LEDGER_CHECKPOINT_KEY");
}
