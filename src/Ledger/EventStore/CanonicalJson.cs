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
                Raw(output, "{");
                var first = true;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!seen.Add(p.Name)) throw new FormatException($"duplicate key \"{p.Name}\" has no canonical form");
                    if (!first) Raw(output, ",");
                    first = false;
                    WriteString(p.Name, output);
                    Raw(output, ":");
                    Write(p.Value, output);
                }
                Raw(output, "}");
                break;
            case JsonValueKind.Array:
                Raw(output, "[");
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (i++ > 0) Raw(output, ",");
                    Write(item, output);
                }
                Raw(output, "]");
                break;
            case JsonValueKind.String: WriteString(element.GetString()!, output); break;
            case JsonValueKind.Number: Raw(output, Number(element.GetRawText())); break;
            case JsonValueKind.True: Raw(output, "true"); break;
            case JsonValueKind.False: Raw(output, "false"); break;
            case JsonValueKind.Null: Raw(output, "null"); break;
            default: throw new FormatException($"no canonical form for {element.ValueKind}");
        }
    }

    public static void WriteString(string s, IBufferWriter<byte> output)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
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

    private static void Raw(IBufferWriter<byte> output, string s)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length));
        output.Advance(Encoding.UTF8.GetBytes(s, span));
    }

    internal static void RawAscii(IBufferWriter<byte> output, string s) => Raw(output, s);
}
