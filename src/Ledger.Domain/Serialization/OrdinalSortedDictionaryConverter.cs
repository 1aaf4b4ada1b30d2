using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Serialization;

/// <summary>Reads string-keyed sorted dictionaries back with the ordinal comparer the folds build them with.</summary>
public sealed class OrdinalSortedDictionaryConverter : JsonConverterFactory
{
    public override bool CanConvert(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableSortedDictionary<,>) && t.GetGenericArguments()[0] == typeof(string);

    public override JsonConverter CreateConverter(Type t, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(t.GetGenericArguments()[1]))!;

    private sealed class Converter<TValue> : JsonConverter<ImmutableSortedDictionary<string, TValue>>
    {
        public override ImmutableSortedDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) =>
            (JsonSerializer.Deserialize<Dictionary<string, TValue>>(ref reader, options) ?? [])
                .ToImmutableSortedDictionary(StringComparer.Ordinal);

        public override void Write(Utf8JsonWriter writer, ImmutableSortedDictionary<string, TValue> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, (IReadOnlyDictionary<string, TValue>)value, options);
    }
}
