using Ledger.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Ledger.Server.Http.Pipeline;

/// <summary>Who calls: the key in <see cref="Header"/>, its role, and the throttle on guessed keys. Anonymous
/// callers are readers where the ledger allows anonymous reads.</summary>
public sealed class ApiKeyCheck(ApiKeyRing keys, IOptions<LedgerOptions> options)
{
    public const string Header = "X-Api-Key";

    private readonly FailedKeys _failures = new();

    /// <summary>The caller's key when it may act in this role; otherwise null and the 401/403/429 to send.</summary>
    public ApiKey? Authenticate(HttpContext ctx, Role role, out Reply? refusal)
    {
        refusal = null;
        var presented = ctx.Request.Headers[Header].ToString();
        if (presented.Length == 0)
        {
            if (role == Role.Reader && options.Value.AnonymousReads) return new ApiKey("anonymous", Role.Reader, "");
            refusal = Problems.Of(401, "Unauthorized", $"send an API key in {Header}", Header, "no-key");
            return null;
        }
        return Check(ctx, presented, role, out refusal);
    }

    /// <summary>A key presented in any way (the header, the sign-in form): the key when it may act in this role.</summary>
    public ApiKey? Check(HttpContext ctx, string presented, Role role, out Reply? refusal)
    {
        refusal = null;
        // A client that keeps presenting wrong keys is guessing: after a few in a minute it is told to wait, and its
        // guesses are not even compared until then.
        var client = ctx.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (_failures.Throttled(client))
        {
            refusal = Problems.Of(429, "Too many failed keys", $"too many unknown API keys from this address; wait {FailedKeys.Window.TotalSeconds:0} s", Header, "too-many-failed-keys");
            return null;
        }
        var key = keys.Find(presented);
        if (key is null)
        {
            _failures.Record(client);
            refusal = Problems.Of(401, "Unauthorized", "the API key is not known", Header, "unknown-key");
            return null;
        }
        ctx.Items[Logging.KeyNameItem] = key.Name;
        if (key.Role < role)
        {
            refusal = Problems.Of(403, "Forbidden", $"this needs the {role.ToString().ToLowerInvariant()} role; key {key.Name} is a {key.Role.ToString().ToLowerInvariant()}", Header, "role");
            return null;
        }
        return key;
    }
}
