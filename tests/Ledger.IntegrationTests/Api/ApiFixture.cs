using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ledger.IntegrationTests.Api;

/// <summary>The ledger's web application on a database of its own, with one key per role.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string Admin = "admin-key-0001", Editor = "editor-key-0001", Reporter = "reporter-key-0001", Reader = "reader-key-0001";

    public PostgresDatabase Database { get; } = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = NewFactory();
        using var client = Client(Admin);
        foreach (var (id, name, kind) in new[] { ("sohr", "Syrian Observatory for Human Rights", "monitor"), ("afp", "AFP", "news-agency"),
                     ("amaq", "Amaq News Agency", "armed-group"), ("sana", "SANA", "government") })
            (await client.PostAsJsonAsync("/api/sources", new { id, name, kind })).EnsureSuccessStatusCode();
    }

    /// <summary>Another node (or the same after a restart) on the same database.</summary>
    /// <summary>A server on this fixture's database; rate limits are off unless a test turns one on.</summary>
    public WebApplicationFactory<Program> NewFactory(int writesPerSecond = 0, int anonymousReadsPerSecond = 0, int verificationsPerMinute = 0,
        int anonymousHeavyReadsPerSecond = 0) =>
        ServerOn(Database.ConnectionString, writesPerSecond, anonymousReadsPerSecond, verificationsPerMinute, anonymousHeavyReadsPerSecond);

    /// <summary>A server on any database, with this fixture's keys.</summary>
    public static WebApplicationFactory<Program> ServerOn(string connectionString, int writesPerSecond = 0, int anonymousReadsPerSecond = 0,
        int verificationsPerMinute = 0, int anonymousHeavyReadsPerSecond = 0) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("Ledger:Db", connectionString);
        OwnSilo(b);
        b.UseSetting("Ledger:ApiKeys:0", $"admin:admin:{Admin}");
        b.UseSetting("Ledger:ApiKeys:1", $"desk-editor:editor:{Editor}");
        b.UseSetting("Ledger:ApiKeys:2", $"newsroom:reporter:{Reporter}");
        b.UseSetting("Ledger:ApiKeys:3", $"analyst:reader:{Reader}");
        b.UseSetting("Ledger:WritesPerSecond", writesPerSecond.ToString());
        b.UseSetting("Ledger:AnonymousReadsPerSecond", anonymousReadsPerSecond.ToString());
        b.UseSetting("Ledger:VerificationsPerMinute", verificationsPerMinute.ToString());
        b.UseSetting("Ledger:AnonymousHeavyReadsPerSecond", anonymousHeavyReadsPerSecond.ToString());
        b.UseSetting("Ledger:MaxBodyBytes", "65536");
    });

    public HttpClient Client(string? key = null, WebApplicationFactory<Program>? factory = null)
    {
        var client = (factory ?? Factory).CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public Task<long> EventCount() => Database.ScalarAsync("SELECT count(*) FROM ledger.events");

    /// <summary>`ledger import` of these NDJSON lines into this ledger's database, all or nothing, as <paramref name="recordedBy"/>.</summary>
    public async Task<Ledger.Server.Cli.ImportReport> ImportAsync(string lines, string recordedBy = "import")
    {
        using var db = Database.NewDataSource();
        var store = new Ledger.EventStore.MartenEventStore(db);
        try
        {
            var session = new Ledger.Import.ImportSession(store, recordedBy);
            var names = await Ledger.Server.Cli.ImportNames.LoadAsync(session, new Ledger.Projections.RegionDirectory(db));
            return await new Ledger.Server.Cli.Importer(session, names).RunAsync(new StringReader(lines), allOrNothing: true);
        }
        finally { await store.DisposeAsync(); }
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static long Position(HttpResponseMessage response) => long.Parse(response.Headers.GetValues("X-Ledger-Position").Single());

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Every test server runs its own one-node Orleans cluster: on free ports, so that servers of test classes
    /// running in parallel never meet.</summary>
    public static void OwnSilo(Microsoft.AspNetCore.Hosting.IWebHostBuilder b)
    {
        b.UseSetting("Ledger:SiloPort", Ledger.Testing.FreePorts.Next().ToString());
        b.UseSetting("Ledger:GatewayPort", "0");
    }
}
