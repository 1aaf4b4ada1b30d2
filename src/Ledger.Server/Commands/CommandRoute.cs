using Ledger.Names;
using Ledger.Server.Http;

namespace Ledger.Server.Commands;

/// <summary>Where a request goes: its stream and domain command, or the problem that refuses it.</summary>
public sealed record Routed(CommandTarget? Target, Reply? Problem)
{
    public static implicit operator Routed(CommandTarget target) => new(target, null);
    public static implicit operator Routed(Reply problem) => new(null, problem);
}

/// <summary>A request on its way to a command: its body, its ids, and the names it may use.</summary>
public sealed record CommandCall<TRequest>(TRequest Request, CommandIds Ids, NameResolver Names);

/// <summary>
/// One command as clients send it, for every path alike: its name on an import line, its HTTP route and role, the ids
/// it carries (the first is the stream's; "{id}" in the route), how its body becomes a domain command for a stream,
/// and what the API answers once it is stored.
/// </summary>
public abstract record CommandRoute(string Name, string Route, Role Role, IReadOnlyList<string> Ids, Answer Answer)
{
    public abstract Type Request { get; }

    /// <summary>The body read strictly, then routed; a problem when either refuses it.</summary>
    public abstract Task<Routed> RouteAsync(byte[] body, CommandIds ids, NameResolver names);

    /// <summary>True when the stream's id travels in the body on the HTTP path (a new incident, source, actor).</summary>
    public bool IdInBody => !Route.Contains("{id}", StringComparison.Ordinal);
}

public sealed record CommandRoute<TRequest>(string Name, string Route, Role Role, IReadOnlyList<string> Ids, Answer Answer,
    Func<CommandCall<TRequest>, Task<Routed>> To) : CommandRoute(Name, Route, Role, Ids, Answer) where TRequest : class
{
    public override Type Request => typeof(TRequest);

    public override async Task<Routed> RouteAsync(byte[] body, CommandIds ids, NameResolver names)
    {
        var (request, bad) = JsonBody.Read<TRequest>(body);
        return bad ?? await To(new CommandCall<TRequest>(request!, ids, names));
    }
}
