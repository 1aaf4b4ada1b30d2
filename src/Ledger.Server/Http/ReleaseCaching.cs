using System.Security.Cryptography;
using System.Text;
using Ledger.Releases;
using Microsoft.Extensions.Options;

namespace Ledger.Server.Http;

/// <summary>
/// A read at a named release never changes: a release is a fixed point of an append-only log. Its 200 says so
/// (<c>Cache-Control: immutable</c> for a year) with a strong ETag, and a repeat with that ETag in
/// <c>If-None-Match</c> is a 304 without running the read. The ETag names what fixes the answer: this build, the
/// release and its position, the path, the query and the media type asked for. Only a caller who may read gets
/// the 304 (anonymous where reads are open, or a known key); anyone else goes on to the read's own refusal.
/// The answer is <c>public</c> only where anonymous callers may read it.
/// </summary>
public static class ReleaseCaching
{
    private static readonly string Build = typeof(ReleaseCaching).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "dev";

    public static async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method)
            || ctx.Request.Query["release"] is not { Count: 1 } asked || !Slug.IsValid(asked[0]!)
            || await ctx.RequestServices.GetRequiredService<ReleaseBook>().FindAsync(asked[0]!, ctx.RequestAborted) is not { } release)
        {
            await next(ctx);
            return;
        }
        var open = ctx.RequestServices.GetRequiredService<IOptions<Hosting.LedgerOptions>>().Value.AnonymousReads;
        var tag = Tag(ctx, release);
        var cacheControl = (open ? "public" : "private") + ", max-age=31536000, immutable";
        if (MayRead(ctx, open) && Matches(ctx.Request.Headers.IfNoneMatch, tag))
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            ctx.Response.Headers.ETag = tag;
            ctx.Response.Headers.CacheControl = cacheControl;
            return;
        }
        ctx.Response.OnStarting(() =>
        {
            if (ctx.Response.StatusCode == StatusCodes.Status200OK)
            {
                ctx.Response.Headers.ETag = tag;
                ctx.Response.Headers.CacheControl = cacheControl;
            }
            return Task.CompletedTask;
        });
        await next(ctx);
    }

    private static bool MayRead(HttpContext ctx, bool open) => ctx.Request.Headers[Http.Pipeline.ApiKeyCheck.Header].ToString() is var key
        && (key.Length == 0 ? open : ctx.RequestServices.GetRequiredService<ApiKeyRing>().Find(key) is not null);

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string tag) =>
        ifNoneMatch.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Any(v => v == "*" || v == tag);

    private static string Tag(HttpContext ctx, Release release)
    {
        // minPosition only waits; it changes nothing in the answer.
        var query = string.Join('&', ctx.Request.Query.Where(q => q.Key != "minPosition").OrderBy(q => q.Key, StringComparer.Ordinal)
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        var what = string.Join('\n', Build, release.Name, release.Position, ctx.Request.Path.Value, query, ctx.Request.Headers.Accept.ToString());
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what)))[..32]}\"";
    }
}
