using Ledger.Projections;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>Reads are open to anonymous callers unless configured off; <c>minPosition</c> waits (bounded) until
/// the read models have applied a position a client just wrote, so it reads its own writes.</summary>
public static class ReadAccess
{
    public static async Task<Reply?> CheckAsync(HttpContext ctx, WriteGate gate, ReadModelDaemon runner)
    {
        if (gate.Authenticate(ctx, Role.Reader, out var refusal) is null) return refusal;
        var q = new QueryParams(ctx);
        var min = q.Long("minPosition");
        if (q.Problem is not null) return q.Problem;
        if (min is { } p && !await runner.WaitForAsync(p, TimeSpan.FromSeconds(5), ctx.RequestAborted))
            return Problems.Of(503, "Read models behind", $"the read models have not reached position {p} yet; retry", "minPosition", "projection-lag");
        return null;
    }
}
