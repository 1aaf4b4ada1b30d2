using Ledger.Grains;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web.Desk;

/// <summary>A form a signed-in person posted: who, its fields, and the metadata the events will carry.</summary>
public sealed record PageWrite(PageUser User, IFormCollection Form, CommandMetadata Metadata);

/// <summary>
/// Every form post of the pages passes here: a session (else a page that says to sign in), the route's role (a
/// reader's write is refused), the form's CSRF token, and a form no larger than the page allows. A form carries a
/// command id made when it was drawn, so a form posted twice stores once.
/// </summary>
public sealed class PageWriteFilter(PageSessions sessions) : IEndpointFilter
{
    public const long MaxFormBytes = 1 << 20;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        var role = ctx.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role ?? Role.Admin;
        if (sessions.Current(ctx) is not { } user)
            return Page("Sign in", "", $"<h1>Sign in to write</h1><p><a href=\"/sign-in\">Sign in</a> with your key first.</p>", 401);
        if (user.Key.Role < role)
            return Page("Not allowed", "", $"<h1>Not allowed</h1><p>This needs the {E(role.ToString().ToLowerInvariant())} role; you are signed in as {E(user.Key.Name)}, a {E(user.Key.Role.ToString().ToLowerInvariant())}. Nothing was stored.</p>", 403);
        if (ctx.Request.ContentLength > MaxFormBytes || !ctx.Request.HasFormContentType)
            return Page("Refused", "", "<h1>Refused</h1><p>The form is too large or not a form. Nothing was stored.</p>", 400);
        IFormCollection form;
        try { form = await ctx.Request.ReadFormAsync(ctx.RequestAborted); }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException) { return Page("Refused", "", "<h1>Refused</h1><p>The form could not be read. Nothing was stored.</p>", 400); }
        if (!PageSessions.CsrfMatches(user, form["csrf"]))
            return Page("Refused", "", "<h1>Refused</h1><p>The form's CSRF token is missing or not this session's: reload the page and send it again. Nothing was stored.</p>", 403);
        var commandId = form["commandId"].ToString() is { Length: > 0 and <= 100 } id ? $"{user.Key.Name}/page/{id}" : null;
        ctx.Features.Set(new PageWrite(user, form, new CommandMetadata(user.Key.Name, Correlation.Of(ctx), commandId)));
        return await next(context);
    }
}

public static class PageWriteConventions
{
    /// <summary>A form post of the pages in a role (<see cref="PageWriteFilter"/>).</summary>
    public static RouteHandlerBuilder MapPageWrite(this IEndpointRouteBuilder app, string pattern, Role role, Delegate handler) =>
        app.MapPost(pattern, handler).WithMetadata(new RequiredRole(role)).AddEndpointFilter<PageWriteFilter>()
            .RequireRateLimiting("writes").DisableAntiforgery().ExcludeFromDescription();

    public static PageWrite Written(this HttpContext ctx) =>
        ctx.Features.Get<PageWrite>() ?? throw new InvalidOperationException("a page write ran without its filter (MapPageWrite)");

    /// <summary>The hidden fields every form carries: the session's CSRF token and a command id for this drawing of it.</summary>
    public static string FormTokens(PageUser user) =>
        $"<input type=\"hidden\" name=\"csrf\" value=\"{E(user.Csrf)}\"><input type=\"hidden\" name=\"commandId\" value=\"{Guid.NewGuid():N}\">";
}
