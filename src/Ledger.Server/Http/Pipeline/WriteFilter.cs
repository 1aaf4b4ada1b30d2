using System.Security.Cryptography;
using System.Text;
using Ledger.EventStore;
using Ledger.Grains;

namespace Ledger.Server.Http.Pipeline;

/// <summary>The role a write endpoint needs: endpoint metadata, read by <see cref="WriteFilter"/>.</summary>
public sealed record RequiredRole(Role Role);

/// <summary>The field a 413 names when the body is too large, where one field is the body's bulk (an article's text).</summary>
public sealed record BulkField(string Field);

/// <summary>
/// Every write passes here before its handler: an API key of the endpoint's role (401/403), a body within the size
/// limit (413), an optional If-Match (400 when unreadable), and an optional Idempotency-Key: a repeat with the same
/// body gets the stored first answer and appends nothing, the same key with another body gets 422.
/// </summary>
public sealed class WriteFilter(ApiKeyCheck keys, RequestBody bodies, IdempotencyStore answers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        var role = ctx.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role
            ?? throw new InvalidOperationException("a write endpoint names its role (.Writes(role))");
        var key = keys.Authenticate(ctx, role, out var refusal);
        if (key is null) return refusal;

        var body = await bodies.ReadAsync(ctx);
        if (body is null) return bodies.TooLarge(ctx.GetEndpoint()?.Metadata.GetMetadata<BulkField>()?.Field);

        long? expected = null;
        // "If-Match: *" asks only that the stream exists, which every write on one requires anyway.
        if (ctx.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch.Trim() != "*")
        {
            if (!long.TryParse(ifMatch.Trim().TrimStart('W', '/').Trim('"'), out var v) || v < 0)
                return Problems.BadRequest("If-Match must be an incident version in quotes, as its ETag gives it: \"3\"", "If-Match");
            expected = v;
        }

        var idempotencyKey = ctx.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 200) return Problems.BadRequest("Idempotency-Key is longer than 200 characters", "Idempotency-Key");
        WriteContext.Set(ctx, body, key, new CommandMetadata(key.Name, Correlation.Of(ctx),
            idempotencyKey.Length > 0 ? $"{key.Name}/{idempotencyKey}" : null, expected));
        if (idempotencyKey.Length == 0) return await next(context);

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ctx.Request.Method} {ctx.Request.Path}\n{ctx.Request.Headers.IfMatch}\n").Concat(Canonical(body)).ToArray());
        return await IdempotentAsync(key.Name, idempotencyKey, hash, () => next(context), ctx.RequestAborted);
    }

    /// <summary>The first request with a key claims it, runs its command and stores the answer; repeats wait for that
    /// answer and get it exactly, even when they arrive while the first still runs.</summary>
    private async Task<object?> IdempotentAsync(string keyName, string idempotencyKey, byte[] hash, Func<ValueTask<object?>> run, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var stored = await answers.FindAsync(keyName, idempotencyKey, hash, ct);
            if (stored is { Status: > 0 })
            {
                if (stored.Status < 400) Telemetry.LedgerMetrics.IdempotentReplays.Add(1);
                return stored;
            }
            if (stored is null && await answers.ClaimAsync(keyName, idempotencyKey, hash, ct))
            {
                object? result;
                try { result = await run(); }
                catch
                {
                    await answers.ReleaseAsync(keyName, idempotencyKey);
                    throw;
                }
                if (result is not Reply reply)
                    throw new InvalidOperationException("an idempotent write answers with a Reply, which can be stored and replayed");
                if (reply.Status >= 500) await answers.ReleaseAsync(keyName, idempotencyKey);
                else await answers.StoreAsync(keyName, idempotencyKey, reply, ct);
                return reply;
            }
            if (DateTime.UtcNow > deadline)
                return Problems.Of(409, "Conflict", "a request with this Idempotency-Key is still being processed; retry", "Idempotency-Key", "idempotency-key-in-progress");
            await Task.Delay(25, ct);
        }
    }

    /// <summary>The body as canonical JSON (sorted keys, no insignificant whitespace), so that the same request
    /// re-indented or with its keys in another order is a repeat, not another body; unreadable bodies as sent.</summary>
    private static byte[] Canonical(byte[] body)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            CanonicalJson.Write(doc.RootElement, output);
            return output.WrittenSpan.ToArray();
        }
        catch (Exception) { return body; } // not JSON at all: the handler refuses it, and the bytes decide
    }
}
