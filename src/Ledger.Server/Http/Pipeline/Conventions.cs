namespace Ledger.Server.Http.Pipeline;

/// <summary>How an endpoint says what it is; the filters do the rest.</summary>
public static class Conventions
{
    /// <summary>A read of the ledger: a reader's key (or none, where reads are open) and <c>minPosition</c>.</summary>
    public static TBuilder Reads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ReadFilter>();

    /// <summary>A write in a role: key, body limit, If-Match and Idempotency-Key, under the writes rate limit.</summary>
    public static TBuilder Writes<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRole(role)).AddEndpointFilter<TBuilder, WriteFilter>().RequireRateLimiting("writes");

    /// <summary>A GET that reads the ledger (<see cref="Reads{TBuilder}"/>).</summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapGet(pattern, handler).Reads();

    /// <summary>A POST that writes in a role (<see cref="Writes{TBuilder}"/>).</summary>
    public static RouteHandlerBuilder MapWrite(this IEndpointRouteBuilder app, string pattern, Role role, Delegate handler) =>
        app.MapPost(pattern, handler).Writes(role);
}
