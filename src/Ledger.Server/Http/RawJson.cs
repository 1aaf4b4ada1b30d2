namespace Ledger.Server.Http;

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
