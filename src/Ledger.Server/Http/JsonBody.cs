using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Serialization;

namespace Ledger.Server.Http;

/// <summary>Reads request bodies strictly: unknown members, wrong types, nulls where a value is required,
/// numbers in strings and over-deep nesting are all refused with the JSON path of the fault.</summary>
public static partial class JsonBody
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
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // A missing discriminator arrives as NotSupportedException with the path only in its message.
            var path = ex is JsonException json ? json.Path : PathIn().Match(ex.Message) is { Success: true } m ? m.Groups[1].Value : null;
            var (field, detail) = JsonFaults.Explain(typeof(T), ex, path);
            return (null, Problems.BadRequest(detail, field));
        }
        catch (Exception ex) when (ex is System.Text.DecoderFallbackException or ArgumentException)
        {
            return (null, Problems.BadRequest("the body is not valid UTF-8 JSON"));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Path: (\$[^ |]*)")]
    private static partial System.Text.RegularExpressions.Regex PathIn();
}
