using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Server.Http;
using Microsoft.AspNetCore.DataProtection;

namespace Ledger.Server.Web.Desk;

/// <summary>Who is signed in on the pages, and the token every form of theirs carries.</summary>
public sealed record PageUser(ApiKey Key, string Csrf);

/// <summary>
/// People sign in on the pages with their API key. The session is a cookie, HttpOnly and SameSite=Strict (Secure over
/// HTTPS), encrypted by ASP.NET Core's data protection, that holds the key, a CSRF token and when it expires; the key is
/// looked up again on every request, so a key taken out of the configuration ends its sessions. The API itself never
/// reads the cookie: it takes keys in X-Api-Key only, so no page of another site can make it write.
/// </summary>
public sealed class PageSessions(IDataProtectionProvider protection, ApiKeyRing keys, TimeProvider clock)
{
    public const string Cookie = "ledger-session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly IDataProtector _protector = protection.CreateProtector("Ledger.PageSession.v1");

    private sealed record Payload(string Secret, string Csrf, DateTimeOffset Expires);

    public void SignIn(HttpContext ctx, string secret)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var payload = new Payload(secret, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), expires);
        ctx.Response.Cookies.Append(Cookie, _protector.Protect(JsonSerializer.Serialize(payload)), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ctx.Request.IsHttps, Path = "/", Expires = expires, IsEssential = true,
        });
        ctx.Items[typeof(PageUser)] = null;
    }

    public void SignOut(HttpContext ctx)
    {
        ctx.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, Secure = ctx.Request.IsHttps, HttpOnly = true });
        ctx.Items[typeof(PageUser)] = null;
    }

    /// <summary>The signed-in user, or null: no cookie, one that does not decrypt, one that expired, or a key no
    /// longer configured.</summary>
    public PageUser? Current(HttpContext ctx)
    {
        if (ctx.Items.TryGetValue(typeof(PageUser), out var known)) return known as PageUser;
        PageUser? user = null;
        if (ctx.Request.Cookies[Cookie] is { Length: > 0 } cookie)
        {
            try
            {
                var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(cookie));
                if (payload is not null && payload.Expires > clock.GetUtcNow() && keys.Find(payload.Secret) is { } key) user = new PageUser(key, payload.Csrf);
            }
            catch (Exception e) when (e is CryptographicException or JsonException or FormatException) { }
        }
        ctx.Items[typeof(PageUser)] = user;
        return user;
    }

    /// <summary>Whether a posted token is the session's, compared in constant time.</summary>
    public static bool CsrfMatches(PageUser user, string? posted) =>
        posted is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(posted), System.Text.Encoding.UTF8.GetBytes(user.Csrf));
}
