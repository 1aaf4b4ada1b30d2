using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web.Desk;

/// <summary>/sign-in and /sign-out: a person signs in with their API key, as the API's clients send it; the wrong
/// key counts against the same throttle as a wrong header.</summary>
public static class SignInPage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("").ExcludeFromDescription();
        web.MapGet("/sign-in", (HttpContext ctx, PageSessions sessions) =>
            Page("Sign in", "", Form(sessions.Current(ctx), ReturnTo(ctx.Request.Query["returnTo"]), null)));
        web.MapPost("/sign-in", async (HttpContext ctx, PageSessions sessions, ApiKeyCheck keys) =>
        {
            if (ctx.Request.ContentLength > 4096 || !ctx.Request.HasFormContentType) return Page("Sign in", "", Form(null, "/desk", "the form is not a sign-in form"), 400);
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var returnTo = ReturnTo(form["returnTo"]);
            if (keys.Check(ctx, form["key"].ToString(), Role.Reader, out var refusal) is null)
                return Page("Sign in", "", Form(null, returnTo, (refusal?.Body as ProblemBody)?.Detail ?? "the key is not known"), refusal?.Status ?? 401);
            sessions.SignIn(ctx, form["key"].ToString());
            return Results.Redirect(returnTo, permanent: false, preserveMethod: false);
        }).RequireRateLimiting("writes").DisableAntiforgery();
        web.MapPost("/sign-out", async (HttpContext ctx, PageSessions sessions) =>
        {
            // Signing out needs the session's token too: another site cannot sign a person out.
            var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : null;
            if (sessions.Current(ctx) is { } user && PageSessions.CsrfMatches(user, form?["csrf"])) sessions.SignOut(ctx);
            return Results.Redirect("/", permanent: false, preserveMethod: false);
        }).DisableAntiforgery();
    }

    /// <summary>Only a path of this site: a sign-in never sends a person elsewhere.</summary>
    private static string ReturnTo(string? value) =>
        value is { Length: > 1 } v && v[0] == '/' && v[1] != '/' && v[1] != '\\' && !v.Contains("://", StringComparison.Ordinal) ? v : "/desk";

    private static string Form(PageUser? user, string returnTo, string? error) =>
        (user is not null ? $"<p class=\"note\" role=\"status\">Signed in as {E(user.Key.Name)} ({E(user.Key.Role.ToString().ToLowerInvariant())}).</p>" : "")
        + "<h1>Sign in</h1><p class=\"lede\">Sign in with your API key to record figures at the desk and act on incidents. The session lasts "
        + $"{PageSessions.Lifetime.TotalHours:0} hours; the key stays in an encrypted, HttpOnly cookie that only this ledger's pages send.</p>"
        + (error is not null ? $"<p class=\"error\" role=\"alert\" id=\"sign-in-error\">key: {E(error)}</p>" : "")
        + "<form class=\"filters\" method=\"post\" action=\"/sign-in\">"
        + "<label class=\"wide\">API key <input type=\"password\" name=\"key\" autocomplete=\"current-password\" required></label>"
        + $"<input type=\"hidden\" name=\"returnTo\" value=\"{E(returnTo)}\"><button type=\"submit\">Sign in</button></form>";
}
