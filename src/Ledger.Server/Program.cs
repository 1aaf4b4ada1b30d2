using Ledger.Server.Hosting;

var app = LedgerApp.Build(args);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
