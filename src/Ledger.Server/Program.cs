using Ledger.Server.Cli;
using Ledger.Server.Hosting;

// No subcommand (or host options, as the test host passes them): serve. Otherwise the command line.
if (args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version"))
{
    WebApplication app;
    try { app = LedgerApp.Build(args); }
    catch (FormatException e) { await Console.Error.WriteLineAsync("ledger: " + e.Message); return LedgerCli.BadInput; }
    if (PortCheck.FirstTaken(app) is { } taken) { await Console.Error.WriteLineAsync("ledger: " + taken); return LedgerCli.BadInput; }
    try { await app.RunAsync(); }
    catch (Ledger.EventStore.EarlierStoreException e) { await Console.Error.WriteLineAsync("ledger: " + e.Message); return LedgerCli.Failure; }
    return LedgerCli.Ok;
}
return await LedgerCli.RunAsync(args);

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
