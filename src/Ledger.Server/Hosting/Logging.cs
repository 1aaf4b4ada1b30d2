using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;
using Serilog.AspNetCore;

namespace Ledger.Server.Hosting;

/// <summary>
/// Serilog from configuration (levels and any extra sinks under "Serilog"), plus the ledger's own switches:
/// a human console by default, JSON lines on the console with Ledger:Log:Json (LEDGER_LOG_JSON=1), and a
/// daily rolling JSON file with Ledger:Log:File (LEDGER_LOG_FILE=path). Framework categories log at Warning
/// unless "Serilog:MinimumLevel:Override" says otherwise, so a request is one line, not six.
/// </summary>
public static class Logging
{
    public const string KeyNameItem = "ledger.keyName";

    public static LoggerConfiguration Configure(LoggerConfiguration config, IConfiguration configuration)
    {
        var json = configuration["Ledger:Log:Json"] is "true" or "1" || Environment.GetEnvironmentVariable("LEDGER_LOG_JSON") is "true" or "1";
        var file = configuration["Ledger:Log:File"] ?? Environment.GetEnvironmentVariable("LEDGER_LOG_FILE");
        config = config
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            // Marten's daemon logs every page it commits at Information: its elections and failures are warnings.
            .MinimumLevel.Override("Marten", LogEventLevel.Warning)
            .MinimumLevel.Override("JasperFx", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();
        config = json
            ? config.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : config.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}");
        if (!string.IsNullOrWhiteSpace(file))
            config = config.WriteTo.File(new JsonFormatter(renderMessage: true), file, rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14, shared: true, flushToDiskInterval: TimeSpan.FromSeconds(1));
        return config;
    }

    /// <summary>Serilog's request line, with the correlation id and the API key's name (never the key).</summary>
    public static void RequestLine(RequestLoggingOptions o)
    {
        // The path as sent may hold a decoded line break ("%0A"): the line shows it escaped, so no request can forge a log line.
        o.MessageTemplate = "{RequestMethod} {Path} {StatusCode} {Elapsed:0.0} ms {CorrelationId} {KeyName}";
        o.EnrichDiagnosticContext = (diagnostics, ctx) =>
        {
            diagnostics.Set("Path", Escaped(ctx.Request.Path.Value ?? ""));
            diagnostics.Set("CorrelationId", ctx.Items[Http.Correlation.Header]);
            diagnostics.Set("KeyName", ctx.Items[KeyNameItem] as string ?? "anonymous");
        };
    }

    /// <summary>Control characters as \uXXXX escapes, the rest as it is.</summary>
    public static string Escaped(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text) sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        return sb.ToString();
    }
}
