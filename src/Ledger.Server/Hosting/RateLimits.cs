using System.Threading.RateLimiting;
using Ledger.Server.Http;
using Microsoft.Extensions.Options;

namespace Ledger.Server.Hosting;

/// <summary>Who may ask how much: anonymous reads per address (heavy ones in a smaller bucket), verification per
/// caller and minute, writes per caller and second; a refusal is a 429 problem after a short wait.</summary>
public static class RateLimits
{
    public static void AddLedgerRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
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

    }

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
