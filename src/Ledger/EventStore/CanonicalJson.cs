using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Ledger.EventStore;

/// <summary>
/// Canonical bytes of JSON for the hash chain: object keys sorted by ordinal, no insignificant whitespace,
/// strings with one fixed escaping, numbers as plain decimals without trailing zeros. The same value gives
/// the same bytes whether it comes from our serializer or back from jsonb, on any runtime or culture.
/// </summary>
public static class CanonicalJson
{
    public static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Sorted by name, ordinal; a name given twice ends up next to itself.
                var properties = new List<(string Name, JsonElement Value)>();
                foreach (var p in element.EnumerateObject()) properties.Add((p.Name, p.Value));
                properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                Byte(output, (byte)'{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0)
                    {
                        if (properties[i].Name == properties[i - 1].Name)
                            throw new FormatException($"duplicate key \"{properties[i].Name}\" has no canonical form");
                        Byte(output, (byte)',');
                    }
                    WriteString(properties[i].Name, output);
                    Byte(output, (byte)':');
                    Write(properties[i].Value, output);
                }
                Byte(output, (byte)'}');
                break;
            case JsonValueKind.Array:
                Byte(output, (byte)'[');
                var n = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (n++ > 0) Byte(output, (byte)',');
                    Write(item, output);
                }
                Byte(output, (byte)']');
                break;
            case JsonValueKind.String: WriteString(element.GetString()!, output); break;
            case JsonValueKind.Number: Raw(output, Number(element.GetRawText())); break;
            case JsonValueKind.True: Raw(output, "true"); break;
            case JsonValueKind.False: Raw(output, "false"); break;
            case JsonValueKind.Null: Raw(output, "null"); break;
            default: throw new FormatException($"no canonical form for {element.ValueKind}");
        }
    }

    // What a string must escape: the quote, the backslash and the control characters.
    private static readonly SearchValues<char> Escaped = SearchValues.Create("\"\\" + string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)));

    public static void WriteString(string s, IBufferWriter<byte> output)
    {
        if (!s.AsSpan().ContainsAny(Escaped))
        {
            // Most strings escape nothing: their UTF-8 between quotes, the same bytes as the general path below.
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length) + 2);
            span[0] = (byte)'"';
            var length = Encoding.UTF8.GetBytes(s, span[1..]);
            span[length + 1] = (byte)'"';
            output.Advance(length + 2);
            return;
        }
        var sb = new StringBuilder(s.Length + 8).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        Raw(output, sb.Append('"').ToString());
    }

    /// <summary>A JSON number as a plain decimal: "1.50" -> "1.5", "1e2" -> "100", "-0" -> "0".</summary>
    internal static string Number(string raw)
    {
        // An integer is already plain (JSON has no leading zeros); only "-0" changes.
        if (IsInteger(raw)) return raw == "-0" ? "0" : raw;
        var negative = raw.StartsWith('-');
        var body = negative ? raw[1..] : raw;
        var exponent = 0;
        var e = body.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }
        if (Math.Abs(exponent) > 400) throw new FormatException($"number {raw} is out of the ledger's range");
        var dot = body.IndexOf('.');
        var digits = dot < 0 ? body : body[..dot] + body[(dot + 1)..];
        var scale = (dot < 0 ? 0 : body.Length - dot - 1) - exponent; // value = digits * 10^-scale
        var mantissa = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (mantissa.IsZero) return "0";
        while (scale > 0 && mantissa % 10 == 0) { mantissa /= 10; scale--; }
        var text = mantissa.ToString(CultureInfo.InvariantCulture);
        if (scale < 0) text += new string('0', -scale);
        else if (scale > 0)
        {
            text = text.PadLeft(scale + 1, '0');
            text = text[..^scale] + "." + text[^scale..];
        }
        return negative ? "-" + text : text;
    }

    private static bool IsInteger(string raw)
    {
        var digits = raw.AsSpan(raw.StartsWith('-') ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static void Byte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private static void Raw(IBufferWriter<byte> output, string s)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length));
        output.Advance(Encoding.UTF8.GetBytes(s, span));
    }

    internal static void RawAscii(IBufferWriter<byte> output, string s) => Raw(output, s);
}
