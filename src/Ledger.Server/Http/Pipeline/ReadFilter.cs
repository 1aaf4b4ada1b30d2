using Ledger.Projections;

namespace Ledger.Server.Http.Pipeline;

/// <summary>Every read passes here before its handler. Reads are open to anonymous callers unless configured off;
/// <c>minPosition</c> waits (bounded) until the read models have applied a position a client just wrote, so it reads
/// its own writes; a position beyond the head, which no waiting reaches, is a 400 as on the feed. Every read says how
/// fresh it is: <c>X-Ledger-Read-Position</c> is the position all read models had reached when it was served.</summary>
public sealed class ReadFilter(ApiKeyCheck keys, ReadModelDaemon daemon) : IEndpointFilter
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await RefusalAsync(context.HttpContext) ?? await next(context);

    private async Task<Reply?> RefusalAsync(HttpContext ctx)
    {
        if (keys.Authenticate(ctx, Role.Reader, out var refusal) is null) return refusal;
        var q = new QueryParams(ctx);
        var min = q.Long("minPosition");
        if (q.Problem is not null) return q.Problem;
        if (min is { } p && await daemon.HighestAsync(ctx.RequestAborted) is var head && p > head)
            throw new PositionBeyondHeadException(p, head, "minPosition", "no write of this ledger has that position yet (a position of another ledger, or of a restored one?)");
        if (min is { } wanted && !await daemon.WaitForAsync(wanted, MaxWait, ctx.RequestAborted))
            return Problems.Of(503, "Read models behind", $"the read models have not reached position {wanted} yet; retry", "minPosition", "projection-lag");
        ctx.Response.Headers["X-Ledger-Read-Position"] = (await daemon.ReachedAsync(ctx.RequestAborted)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }
}
