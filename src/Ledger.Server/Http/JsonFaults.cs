using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Reconciliation;

namespace Ledger.Server.Http;

/// <summary>Turns System.Text.Json's exceptions into what a client can act on: the field, what it must be
/// (the allowed values where there is a list), never a .NET type name. The expected type is found by walking
/// the request type along the exception's JSON path.</summary>
public static partial class JsonFaults
{
    private static readonly string ValueKinds = "exact, atLeast, atMost, approximate, range, unquantified";

    public static (string? Field, string Detail) Explain(Type root, Exception ex, string? path)
    {
        var field = FieldOf(path);
        var message = ex.Message;
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Split(", ").Select(n => n.Trim('\'')).ToList();
            var first = field is null ? names[0] : $"{field}.{names[0]}";
            return (first, names.Count == 1 ? $"{first} is required" : $"{string.Join(", ", names.Select(n => field is null ? n : $"{field}.{n}"))} are required");
        }
        if (UnknownMember().Match(message) is { Success: true } unknown)
        {
            var parent = TypeAt(root, Parent(field));
            var known = Members(parent);
            return (field, $"unknown field \"{unknown.Groups[1].Value}\"" + (known.Count > 0 ? $"; the fields here are {string.Join(", ", known)}"
                : parent == typeof(FigureValue) ? "; a value has a kind and value, low and high (range) or text (unquantified)" : ""));
        }
        if (UnknownDiscriminator().Match(message) is { Success: true } kind)
        {
            var at = field is null ? "kind" : $"{field}.kind";
            return (at, $"{at} must be one of {ValueKinds}; not \"{kind.Groups[1].Value}\"");
        }
        if (message.Contains("must specify a type discriminator", StringComparison.Ordinal))
        {
            var at = field is null ? "kind" : $"{field}.kind";
            return (at, $"{at} is required: one of {ValueKinds}");
        }
        if (message.Contains("doesn't allow null values", StringComparison.Ordinal) || message.Contains("non-nullable", StringComparison.Ordinal))
            return (field, $"{field ?? "the body"} cannot be null: it {Expected(TypeAt(root, field), field)}");
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return (field, $"{field ?? "the body"} {Expected(TypeAt(root, field), field)}");
        // Syntax errors: keep the reader's own words, which name no type, without the byte positions.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).TrimEnd('.');
        cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (field, "malformed JSON" + (field is null ? "" : $" at {field}") + ": " + (cut > 0 ? text[..cut] : text).TrimEnd('.', ' ', '|'));
    }

    public static string? FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string? Parent(string? field) => field is null ? null : field.LastIndexOf('.') is var i and > 0 ? field[..i] : null;

    private static string Expected(Type? type, string? field)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        // The numbers inside a figure's value are counts whatever its kind.
        if (type is null && field is not null && (field.EndsWith(".value", StringComparison.Ordinal) || field.EndsWith(".low", StringComparison.Ordinal)
            || field.EndsWith(".high", StringComparison.Ordinal))) type = typeof(long);
        return type switch
        {
            null => "has the wrong type",
            { IsEnum: true } => $"must be one of {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName))}",
            _ when type == typeof(string) => "must be a string",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number (a count, not a string or a fraction)",
            _ when type == typeof(double) || type == typeof(decimal) => "must be a number",
            _ when type == typeof(DateOnly) => "must be a date as yyyy-mm-dd",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "must be an ISO 8601 time, e.g. 2024-01-10T12:00:00Z",
            _ when type == typeof(FigureValue) => $"must be an object with a kind ({ValueKinds}) and its numbers",
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) => "must be an object of whole numbers, e.g. {\"women\": 9}",
            _ when type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "must be an array",
            _ => "must be an object",
        };
    }

    /// <summary>The declared type of the member at a JSON path ("figures[0].partyClass"), or null when unknown.</summary>
    private static Type? TypeAt(Type root, string? field)
    {
        var type = root;
        if (field is null) return type;
        foreach (var raw in field.Split('.'))
        {
            var name = raw;
            var indexed = name.IndexOf('[');
            if (indexed >= 0) name = name[..indexed];
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                // A dictionary's entries (breakdown.women) have its value type.
                var map = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
                if (map is null) return null;
                type = map.GetGenericArguments()[1];
                continue;
            }
            type = property.PropertyType;
            if (indexed >= 0) type = ElementOf(type);
            if (type is null) return null;
        }
        return type;
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static List<string> Members(Type? type) =>
        type is null || type == typeof(FigureValue) ? []
        : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToList();

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"unrecognized type discriminator id '([^']*)'")]
    private static partial Regex UnknownDiscriminator();
}
