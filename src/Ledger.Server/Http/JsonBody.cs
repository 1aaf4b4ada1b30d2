using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Serialization;

namespace Ledger.Server.Http;

/// <summary>Reads request bodies strictly: unknown members, wrong types, nulls where a value is required,
/// numbers in strings and over-deep nesting are all refused with the JSON path of the fault.</summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = Strict();

    private static JsonSerializerOptions Strict()
    {
        var o = LedgerJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        o.RespectRequiredConstructorParameters = true;
        o.MaxDepth = 16;
        return o;
    }

    /// <summary>The body as <typeparamref name="T"/>, or a 400 problem naming the field.</summary>
    public static (T? Value, Reply? Problem) Read<T>(byte[] body) where T : class
    {
        if (body.Length == 0) return (null, Problems.BadRequest("the request needs a JSON body"));
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            return value is null ? (null, Problems.BadRequest("the body must be a JSON object, not null")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return (null, Problems.BadRequest($"malformed or mistyped JSON{(field is null ? "" : $" at {field}")}: {Explain(ex)}", field));
        }
        catch (Exception ex) when (ex is System.Text.DecoderFallbackException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return (null, Problems.BadRequest($"the body cannot be read as JSON: {ex.Message}"));
        }
    }

    private static string? FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // STJ's messages can echo the CLR type names; keep the part a client can act on.
    private static string Explain(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Replace("Ledger.Server.Http.", "").Replace("Ledger.", "");
    }
}
