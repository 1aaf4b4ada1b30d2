using Ledger.Grains;
using Ledger.Names;
using Ledger.Server.Http;
using Ledger.Streams;

namespace Ledger.Server.Commands;

/// <summary>
/// The one command path: a request's body and ids are routed by the command map to a stream and a domain command,
/// which the host runs (grains for the API, an import session for a file); what was stored is read back, and names it
/// made resolve at once. HTTP, import and the CLI all come through here.
/// </summary>
public sealed class CommandService(ICommandHost host, NameResolver names)
{
    /// <summary>The stored command and the stream after it, or the problem that refused it (nothing stored).</summary>
    public async Task<(Answered? Answered, Reply? Problem)> HandleAsync(CommandRoute route, byte[] body, CommandIds ids, CommandMetadata metadata)
    {
        Routed routed;
        try { routed = await route.RouteAsync(body, ids, names); }
        catch (MissingIdException missing)
        {
            return (null, Problems.BadRequest($"{route.Name} needs \"{missing.Field}\", the id its URL would carry", missing.Field));
        }
        if (routed.Problem is not null) return (null, routed.Problem);
        var target = routed.Target!;
        var outcome = await target.SendAsync(host, metadata);
        if (!outcome.Succeeded) return (null, Problems.From(outcome));
        var (state, version) = await target.StateAsync(host);
        if (outcome.Status == CommandStatus.Accepted) await names.LearnAsync(state);
        return (new Answered(ids, target, outcome, state, version, route.Answer.Status), null);
    }

    /// <summary>The API's answer: the route's body, or the problem.</summary>
    public async Task<Reply> ReplyAsync(CommandRoute route, byte[] body, CommandIds ids, CommandMetadata metadata)
    {
        var (answered, problem) = await HandleAsync(route, body, ids, metadata);
        return problem ?? route.Answer.Make(answered!);
    }
}
