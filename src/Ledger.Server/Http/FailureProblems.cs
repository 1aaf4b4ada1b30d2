using Ledger.Grains;

namespace Ledger.Server.Http;

/// <summary>Failures as problems: a database that cannot be reached is a 503 with Retry-After, a request the
/// server cannot parse a 400, a stream that kept moving a 409; anything else a 500 whose cause is logged.</summary>
public sealed class FailureProblems(ILogger<FailureProblems> log)
{
    public async Task InvokeAsync(HttpContext ctx, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (Exception ex) when (!ctx.Response.HasStarted)
        {
            var reply = ex switch
            {
                BadHttpRequestException b => Problems.Of(b.StatusCode, "Bad request", b.Message),
                // A node of the cluster died and Orleans has not yet moved its grains: the call was refused (or its
                // outcome is unknown, which a retry with the same Idempotency-Key settles). Retry, as for a 503.
                Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.SiloUnavailableException
                    => Problems.Of(503, "Service unavailable", "the node holding this record went away; the cluster is moving it, retry shortly", code: "node-unavailable"),
                Projections.PositionBeyondHeadException p => Problems.Of(400, "Beyond the head", p.Message, p.Field, "beyond-head"),
                ConcurrencyExhaustedException => Problems.Of(409, "Conflict", "the incident kept changing under this request; retry", code: "concurrent-update"),
                _ when (ex is StorageUnavailableException or OperationCanceledException || StorageUnavailableException.IsCause(ex))
                       && !ctx.RequestAborted.IsCancellationRequested
                    => Problems.Of(503, "Service unavailable", "the database cannot be reached; retry shortly", code: "database-unavailable"),
                _ => null,
            };
            if (reply is null)
            {
                log.LogError(ex, "{RequestMethod} {RequestPath} failed", ctx.Request.Method, ctx.Request.Path.Value);
                reply = Problems.Of(500, "Internal error", "the ledger failed to handle this request; nothing partial was stored", code: "internal");
            }
            ctx.Response.Clear();
            if (reply.Status == 503) ctx.Response.Headers.RetryAfter = "2";
            ctx.Response.Headers[Correlation.Header] = Correlation.Of(ctx);
            await reply.ToResult(ctx).ExecuteAsync(ctx);
        }
    }
}
