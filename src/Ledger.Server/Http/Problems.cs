using System.Text.Json;
using Ledger.Grains;
using Ledger.Serialization;

namespace Ledger.Server.Http;

/// <summary>RFC 9457 problem details; <see cref="Field"/> names the input at fault when there is one.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail, string? Field = null, string? Code = null);

/// <summary>What an endpoint answers: a status, a JSON body, and for incidents a Location and an ETag.
/// Kept as data so that an Idempotency-Key can store and replay it exactly.</summary>
public sealed record Reply(int Status, object? Body, string? Location = null, long? Version = null, long? Position = null) : IResult
{
    /// <summary>A handler may answer with the reply itself: the pipeline writes it.</summary>
    public Task ExecuteAsync(HttpContext ctx) => ToResult(ctx).ExecuteAsync(ctx);

    public IResult ToResult(HttpContext ctx)
    {
        if (Location is not null) ctx.Response.Headers.Location = Location;
        if (Version is { } v) ctx.Response.Headers.ETag = $"\"{v}\"";
        // Where the write landed in the log: pass it as minPosition to read it back from the read models.
        if (Position is { } p) ctx.Response.Headers["X-Ledger-Position"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Body is null
            ? Results.StatusCode(Status)
            : Results.Json(Body, LedgerJson.Readable, Status >= 400 ? "application/problem+json" : "application/json", Status);
    }

    public string? BodyJson => Body is null ? null : JsonSerializer.Serialize(Body, Body.GetType(), LedgerJson.Readable);
}

public static class Problems
{
    public static Reply Of(int status, string title, string detail, string? field = null, string? code = null) =>
        new(status, new ProblemBody($"https://httpstatuses.io/{status}", title, status, detail, field, code));

    public static Reply BadRequest(string detail, string? field = null) => Of(400, "Bad request", detail, field, "bad-request");
    public static Reply Invalid(string detail, string? field) => Of(422, "Invalid input", detail, field, "invalid");
    public static Reply NotFound(string detail, string? field = null, string code = "not-found") => Of(404, "Not found", detail, field, code);

    public static Reply From(DomainError e) => e.Kind switch
    {
        DomainErrorKind.Invalid => Of(422, "Invalid input", e.Message, e.Field, e.Code),
        DomainErrorKind.NotFound => Of(404, "Not found", e.Message, e.Field, e.Code),
        DomainErrorKind.Conflict => Of(409, "Conflict", e.Message, e.Field, e.Code),
        DomainErrorKind.PreconditionFailed => Of(412, "Precondition failed", e.Message, "If-Match", e.Code),
        _ => Of(400, "Bad request", e.Message, e.Field, e.Code),
    };

    public static Reply From(CommandOutcome outcome) => From(outcome.Error!);
}
