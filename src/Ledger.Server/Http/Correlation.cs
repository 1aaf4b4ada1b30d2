namespace Ledger.Server.Http;

/// <summary>The correlation id of a request: X-Correlation-Id when it is sane, otherwise a new one.
/// Returned in the response and stored on every event the request appends.</summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";

    public static string Of(HttpContext ctx) => (string)ctx.Items[Header]!;

    public static Task Middleware(HttpContext ctx, Func<Task> next)
    {
        var given = ctx.Request.Headers[Header].ToString();
        var id = given.Length is > 0 and <= 128 && given.All(c => c is >= '!' and <= '~') ? given : Guid.NewGuid().ToString("N");
        ctx.Items[Header] = id;
        ctx.Response.Headers[Header] = id;
        return next();
    }
}
