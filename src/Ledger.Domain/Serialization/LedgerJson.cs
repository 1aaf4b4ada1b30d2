using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Serialization;

/// <summary>The one JSON dialect of the ledger: camelCase members, kebab-case enum values
/// ("killed-or-injured"), no numbers from strings, no enum numbers.</summary>
public static class LedgerJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>For answers people and tools read (HTTP, CLI): text as text ("دير الزور", "got 'ISIS'"), not \u
    /// escapes. The relaxed encoder leaves quotes and angle brackets alone: answers are application/json, never
    /// pasted into HTML by us (the web page encodes what it shows).</summary>
    public static readonly JsonSerializerOptions Readable = new(Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Enums as their kebab-case names, never numbers.</summary>
    public static JsonStringEnumConverter EnumConverter() => new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // jsonb stores keys in its own order, so the "kind" discriminator is not always first when read back.
        options.AllowOutOfOrderMetadataProperties = true;
        options.Converters.Add(EnumConverter());
        options.Converters.Add(new OrdinalSortedDictionaryConverter());
        return options;
    }
}
