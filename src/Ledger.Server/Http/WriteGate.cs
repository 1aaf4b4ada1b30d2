using System.Security.Cryptography;
using System.Text;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Server.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Server.Http;

/// <summary>What a write handler gets: the raw body, who writes, and the metadata its events will carry.</summary>
public sealed record WriteContext(byte[] Body, ApiKey Key, CommandMetadata Metadata);

/// <summary>
/// Every POST passes here: an API key of the right role (401/403), a body within the size limit (413),
/// an optional If-Match (400 when unreadable), and an optional Idempotency-Key: a repeat with the same body
/// gets the stored first answer and appends nothing, the same key with another body gets 422.
/// </summary>
public sealed class WriteGate(ApiKeyRing keys, NpgsqlDataSource db, IOptions<LedgerOptions> options)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task<IResult> RunAsync(HttpContext ctx, Role role, Func<WriteContext, Task<Reply>> handler)
    {
        var key = Authenticate(ctx, role, out var refusal);
        if (key is null) return refusal!.ToResult(ctx);

        var body = await ReadBodyAsync(ctx, options.Value.MaxBodyBytes);
        if (body is null)
            return Problems.Of(413, "Payload too large", $"the body is larger than {options.Value.MaxBodyBytes} bytes").ToResult(ctx);

        long? expected = null;
        // "If-Match: *" asks only that the incident exists, which every write on one requires anyway.
        if (ctx.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch.Trim() != "*")
        {
            if (!long.TryParse(ifMatch.Trim().TrimStart('W', '/').Trim('"'), out var v) || v < 0)
                return Problems.BadRequest("If-Match must be an incident version in quotes, as its ETag gives it: \"3\"", "If-Match").ToResult(ctx);
            expected = v;
        }

        var idempotencyKey = ctx.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 200)
            return Problems.BadRequest("Idempotency-Key is longer than 200 characters", "Idempotency-Key").ToResult(ctx);
        var metadata = new CommandMetadata(key.Name, Correlation.Of(ctx),
            idempotencyKey.Length > 0 ? $"{key.Name}/{idempotencyKey}" : null, expected);
        if (idempotencyKey.Length == 0) return (await handler(new WriteContext(body, key, metadata))).ToResult(ctx);

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ctx.Request.Method} {ctx.Request.Path}\n{ctx.Request.Headers.IfMatch}\n").Concat(Canonical(body)).ToArray());
        return (await IdempotentAsync(key.Name, idempotencyKey, hash, () => handler(new WriteContext(body, key, metadata)), ctx.RequestAborted)).ToResult(ctx);
    }

    /// <summary>
    /// The first request with a key claims it, runs its command and stores the answer; repeats wait for that
    /// answer and get it exactly, even when they arrive while the first still runs.
    /// </summary>
    private async Task<Reply> IdempotentAsync(string keyName, string idempotencyKey, byte[] hash, Func<Task<Reply>> run, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var stored = await FindAsync(keyName, idempotencyKey, hash, ct);
            if (stored is { Status: > 0 })
            {
                if (stored.Status < 400) Telemetry.LedgerMetrics.IdempotentReplays.Add(1);
                return stored;
            }
            if (stored is null && await ClaimAsync(keyName, idempotencyKey, hash, ct))
            {
                Reply reply;
                try { reply = await run(); }
                catch
                {
                    await Execute("idempotency_release.sql", keyName, idempotencyKey, CancellationToken.None);
                    throw;
                }
                if (reply.Status >= 500) await Execute("idempotency_release.sql", keyName, idempotencyKey, CancellationToken.None);
                else await StoreAsync(keyName, idempotencyKey, reply, ct);
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

    private readonly FailedKeys _failures = new();

    /// <summary>The caller's key when it may act in this role; otherwise null and the 401/403 to send.</summary>
    public ApiKey? Authenticate(HttpContext ctx, Role role, out Reply? refusal)
    {
        refusal = null;
        var presented = ctx.Request.Headers[ApiKeyHeader].ToString();
        if (presented.Length == 0)
        {
            if (role == Role.Reader && options.Value.AnonymousReads) return new ApiKey("anonymous", Role.Reader, "");
            refusal = Problems.Of(401, "Unauthorized", $"send an API key in {ApiKeyHeader}", ApiKeyHeader, "no-key");
            return null;
        }
        // A client that keeps presenting wrong keys is guessing: after a few in a minute it is told to wait, and its
        // guesses are not even compared until then.
        var client = ctx.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (_failures.Throttled(client))
        {
            refusal = Problems.Of(429, "Too many failed keys", $"too many unknown API keys from this address; wait {FailedKeys.Window.TotalSeconds:0} s", ApiKeyHeader, "too-many-failed-keys");
            return null;
        }
        var key = keys.Find(presented);
        if (key is null)
        {
            _failures.Record(client);
            refusal = Problems.Of(401, "Unauthorized", "the API key is not known", ApiKeyHeader, "unknown-key");
            return null;
        }
        ctx.Items[Logging.KeyNameItem] = key.Name;
        if (key.Role < role)
        {
            refusal = Problems.Of(403, "Forbidden", $"this needs the {role.ToString().ToLowerInvariant()} role; key {key.Name} is a {key.Role.ToString().ToLowerInvariant()}", ApiKeyHeader, "role");
            return null;
        }
        return key;
    }

    /// <summary>The request's body, or null when it is larger than Ledger:MaxBodyBytes.</summary>
    public Task<byte[]?> ReadBodyAsync(HttpContext ctx) => ReadBodyAsync(ctx, options.Value.MaxBodyBytes);

    public long MaxBodyBytes => options.Value.MaxBodyBytes;

    private static async Task<byte[]?> ReadBodyAsync(HttpContext ctx, long max)
    {
        if (ctx.Request.ContentLength > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private async Task<Reply?> FindAsync(string keyName, string idempotencyKey, byte[] hash, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("idempotency_find.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = keyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        if (!r.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(hash))
            return Problems.Of(422, "Idempotency key reused", "this Idempotency-Key was already used with another request body", "Idempotency-Key", "idempotency-key-reused");
        // Status 0: claimed by a request still running.
        return new Reply(r.GetInt32(1), r.IsDBNull(2) ? null : new RawJson(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(4) ? null : long.Parse(r.GetString(4)), r.IsDBNull(5) ? null : r.GetInt64(5));
    }

    private async Task<bool> ClaimAsync(string keyName, string idempotencyKey, byte[] hash, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("idempotency_claim.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = keyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        cmd.Parameters.Add(new NpgsqlParameter { Value = hash });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private async Task StoreAsync(string keyName, string idempotencyKey, Reply reply, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("idempotency_store.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = keyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        cmd.Parameters.Add(new NpgsqlParameter { Value = reply.Status });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)reply.BodyJson ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)reply.Location ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)reply.Version?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)reply.Position ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task Execute(string sqlFile, string keyName, string idempotencyKey, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(SqlText.Get(sqlFile));
        cmd.Parameters.Add(new NpgsqlParameter { Value = keyName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A stored JSON body, written back as it was.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(string Json);

public sealed class RawJsonConverter : System.Text.Json.Serialization.JsonConverter<RawJson>
{
    public override RawJson Read(ref System.Text.Json.Utf8JsonReader reader, Type t, System.Text.Json.JsonSerializerOptions o) =>
        new(System.Text.Json.JsonDocument.ParseValue(ref reader).RootElement.GetRawText());

    public override void Write(System.Text.Json.Utf8JsonWriter writer, RawJson value, System.Text.Json.JsonSerializerOptions o) =>
        writer.WriteRawValue(value.Json);
}
