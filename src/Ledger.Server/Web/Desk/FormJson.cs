using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ledger.Server.Web.Desk;

/// <summary>A form whose fields are named by JSON paths ("figures[0].value.low"), to and from the API's body: so a
/// problem's field names the input it is about, and the desk draws the API's body as inputs and reads them back.</summary>
public static partial class FormJson
{
    /// <summary>Fields whose text is a count.</summary>
    private static readonly HashSet<string> Counts = new(StringComparer.Ordinal) { "value", "low", "high" };

    /// <summary>The body the fields give; empty fields are left out, and counts are numbers where they read as one.</summary>
    public static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var root = new JsonObject();
        foreach (var (path, raw) in fields)
        {
            var text = raw.Trim();
            if (text.Length == 0) continue;
            var segments = Segments().Matches(path).Select(m => m.Groups["name"].Success ? (object)m.Groups["name"].Value : int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)).ToList();
            JsonNode node = root;
            for (var i = 0; i < segments.Count; i++)
            {
                var last = i == segments.Count - 1;
                JsonNode? Make() => last ? (segments[i] is string leaf && Counts.Contains(leaf) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(text))
                    : segments[i + 1] is int ? new JsonArray() : new JsonObject();
                switch (segments[i], node)
                {
                    case (string name, JsonObject o):
                        if (last) o[name] = Make();
                        else node = o[name] ??= Make()!;
                        break;
                    case (int index, JsonArray a):
                        while (a.Count <= index) a.Add(segments.Count > i + 1 && segments[i + 1] is int ? new JsonArray() : new JsonObject());
                        if (last) a[index] = Make();
                        else node = a[index]!;
                        break;
                    default: throw new FormatException($"{path}: not a path of the body");
                }
            }
        }
        // A figure left empty (every field blank) is no figure.
        if (root["figures"] is JsonArray figures)
            for (var i = figures.Count - 1; i >= 0; i--)
                if (figures[i] is JsonObject { Count: 0 }) figures.RemoveAt(i);
        return root;
    }

    /// <summary>The fields of a body: each leaf by its path.</summary>
    public static Dictionary<string, string> Fields(JsonNode? node, string path = "", Dictionary<string, string>? into = null)
    {
        into ??= new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject o: foreach (var (k, v) in o) Fields(v, path.Length == 0 ? k : $"{path}.{k}", into); break;
            case JsonArray a: for (var i = 0; i < a.Count; i++) Fields(a[i], $"{path}[{i}]", into); break;
            case JsonValue v: into[path] = v.ToString(); break;
        }
        return into;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z0-9]*)|\[(?<index>\d{1,3})\]")]
    private static partial Regex Segments();
}
