using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Ledger.EventStore;

/// <summary>
/// The per-stream hash chain: hash = SHA-256(previous hash || canonical envelope), where the envelope holds
/// the event's id, stream, version, type, data and metadata. The first event of a stream chains to 32 zero bytes.
/// </summary>
public static class EventHash
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Compute(byte[] previous, Guid eventId, string streamId, long version, string type, string data,
        DateTimeOffset recordedAt, string recordedBy, string? correlationId, string? causationId) =>
        Compute(previous, eventId, streamId, version, type, CanonicalData(data), recordedAt, recordedBy, correlationId, causationId);

    /// <summary>The same, with the data already in canonical form (<see cref="CanonicalData"/>): an append batch
    /// canonicalises its payloads in parallel before it chains them.</summary>
    public static byte[] Compute(byte[] previous, Guid eventId, string streamId, long version, string type, ReadOnlySpan<byte> canonicalData,
        DateTimeOffset recordedAt, string recordedBy, string? correlationId, string? causationId)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + canonicalData.Length);
        buffer.Write(previous);
        // Keys in ordinal order: data, eventId, metadata{causationId, correlationId, recordedAt, recordedBy}, stream, type, version.
        CanonicalJson.RawAscii(buffer, "{\"data\":");
        buffer.Write(canonicalData);
        CanonicalJson.RawAscii(buffer, ",\"eventId\":");
        CanonicalJson.WriteString(eventId.ToString("D"), buffer);
        CanonicalJson.RawAscii(buffer, ",\"metadata\":{\"causationId\":");
        WriteNullable(causationId, buffer);
        CanonicalJson.RawAscii(buffer, ",\"correlationId\":");
        WriteNullable(correlationId, buffer);
        CanonicalJson.RawAscii(buffer, ",\"recordedAt\":");
        CanonicalJson.WriteString(FormatTime(recordedAt), buffer);
        CanonicalJson.RawAscii(buffer, ",\"recordedBy\":");
        CanonicalJson.WriteString(recordedBy, buffer);
        CanonicalJson.RawAscii(buffer, "},\"stream\":");
        CanonicalJson.WriteString(streamId, buffer);
        CanonicalJson.RawAscii(buffer, ",\"type\":");
        CanonicalJson.WriteString(type, buffer);
        CanonicalJson.RawAscii(buffer, ",\"version\":" + version.ToString(CultureInfo.InvariantCulture) + "}");
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>Microseconds, UTC: exactly what timestamptz keeps.</summary>
    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteNullable(string? s, IBufferWriter<byte> buffer)
    {
        if (s is null) CanonicalJson.RawAscii(buffer, "null");
        else CanonicalJson.WriteString(s, buffer);
    }

    /// <summary>Canonical bytes of a data document alone, to tell whether two payloads say the same thing.</summary>
    public static byte[] CanonicalData(string data)
    {
        var buffer = new ArrayBufferWriter<byte>(data.Length);
        using var doc = JsonDocument.Parse(data);
        CanonicalJson.Write(doc.RootElement, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
