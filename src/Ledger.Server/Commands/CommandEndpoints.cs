using Ledger.Server.Http;

namespace Ledger.Server.Commands;

/// <summary>A POST route for every command of the map: the write filter checks who writes and the body's size, the
/// command service does the rest, and the route's answer is the body.</summary>
public static class CommandEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var route in LedgerCommands.All)
        {
            var endpoint = app.MapWrite(route.Route, route.Role, (HttpContext ctx, CommandService commands, WriteContext w) =>
                    commands.ReplyAsync(route, w.Body, IdsOf(route, ctx.Request.RouteValues), w.Metadata))
                .WithTags(route.Route.Split('/')[2])
                .Accepts(route.Request, "application/json")
                .Produces(route.Answer.Status, route.Answer.Body);
            if (route.Answer.Status != 200) endpoint.Produces(200, route.Answer.Body);
            foreach (var status in route.Answer.Problems) endpoint.ProducesProblem(status);
        }
    }

    /// <summary>The route's ids: "{id}" is the stream's (the first the command names), the rest by their names.</summary>
    private static CommandIds IdsOf(CommandRoute route, RouteValueDictionary values) =>
        new(route.Ids.Select((name, i) => (name, value: (i == 0 ? values["id"] : values[name]) as string))
            .ToDictionary(x => x.name, x => x.value));
}
