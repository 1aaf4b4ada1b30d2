using System.Diagnostics;
using Ledger.Grains;
using Ledger.Server.Http;
using Npgsql;

namespace Ledger.Server.Hosting;

/// <summary>One structured line per request (method, path, status, elapsed, correlation id; never headers,
/// so never a key), and failures mapped to problems: a database that cannot be reached is a 503, not a 500.</summary>
public sealed class RequestLogging(ILogger<RequestLogging> log)
{
    public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next();
        }
        catch (Exception ex) when (!ctx.Response.HasStarted)
        {
            var reply = ex switch
            {
                BadHttpRequestException b => Problems.Of(b.StatusCode, "Bad request", b.Message),
                ConcurrencyExhaustedException => Problems.Of(409, "Conflict", "the incident kept changing under this request; retry", code: "concurrent-update"),
                NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException when !ctx.RequestAborted.IsCancellationRequested
                    => Problems.Of(503, "Service unavailable", "the database cannot be reached; retry shortly", code: "database-unavailable"),
                _ => null,
            };
            if (reply is null)
            {
                log.LogError(ex, "{Method} {Path} failed", ctx.Request.Method, ctx.Request.Path.Value);
                reply = Problems.Of(500, "Internal error", "the ledger failed to handle this request; nothing partial was stored", code: "internal");
            }
            ctx.Response.Clear();
            if (reply.Status == 503) ctx.Response.Headers.RetryAfter = "2";
            ctx.Response.Headers[Correlation.Header] = Correlation.Of(ctx);
            await reply.ToResult(ctx).ExecuteAsync(ctx);
        }
        finally
        {
            log.LogInformation("{Method} {Path} {Status} {ElapsedMs:F1} ms {CorrelationId}", ctx.Request.Method, ctx.Request.Path.Value,
                ctx.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ctx.Items[Correlation.Header]);
        }
    }
}
