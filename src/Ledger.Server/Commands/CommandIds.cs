namespace Ledger.Server.Commands;

/// <summary>The ids a command names besides its body: from the URL of an HTTP request ("{id}" is the route's first
/// id, e.g. incidentId), or from the fields of an import line.</summary>
public sealed class CommandIds(IReadOnlyDictionary<string, string?> values)
{
    /// <summary>The id, or a refusal naming it when the request does not carry it.</summary>
    public string this[string name] => Optional(name) ?? throw new MissingIdException(name);

    public string? Optional(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
}

/// <summary>A command's id field was not given (an import line without the id its URL would carry).</summary>
public sealed class MissingIdException(string field) : Exception(field)
{
    public string Field { get; } = field;
}
