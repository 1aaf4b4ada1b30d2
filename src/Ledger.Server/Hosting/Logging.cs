using Serilog;
using Serilog.Formatting.Json;

namespace Ledger.Server.Hosting;

/// <summary>
/// Serilog from configuration (levels and any extra sinks under "Serilog"), plus the ledger's own switches:
/// a human console by default, JSON lines on the console with Ledger:Log:Json (LEDGER_LOG_JSON=1), and a
/// daily rolling JSON file with Ledger:Log:File (LEDGER_LOG_FILE=path).
/// </summary>
public static class Logging
{
    public static Serilog.ILogger Create(IConfiguration configuration)
    {
        var json = configuration["Ledger:Log:Json"] is "true" or "1" || Environment.GetEnvironmentVariable("LEDGER_LOG_JSON") is "true" or "1";
        var file = configuration["Ledger:Log:File"] ?? Environment.GetEnvironmentVariable("LEDGER_LOG_FILE");
        var config = new LoggerConfiguration().ReadFrom.Configuration(configuration).Enrich.FromLogContext();
        config = json
            ? config.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : config.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}");
        if (!string.IsNullOrWhiteSpace(file))
            config = config.WriteTo.File(new JsonFormatter(renderMessage: true), file, rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14, shared: true, flushToDiskInterval: TimeSpan.FromSeconds(1));
        return config.CreateLogger();
    }
}
