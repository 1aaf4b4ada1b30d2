using System.Text.Json;

namespace Ledger.Serialization;

/// <summary>Maps stored type names to event records and back. A type name, once stored, is forever:
/// renaming a record must keep its name here.</summary>
public sealed class EventTypes
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    /// <summary>The event types every stream kind declares, each stored under its record's name.</summary>
    public static readonly EventTypes Ledger = StreamKinds.All.SelectMany(k => k.EventTypes)
        .Aggregate(new EventTypes(), (types, t) => types.Register(t));

    public EventTypes Register<T>(string? name = null) => Register(typeof(T), name);

    public EventTypes Register(Type type, string? name = null)
    {
        name ??= type.Name;
        _byName.Add(name, type);
        _byType.Add(type, name);
        return this;
    }

    /// <summary>Every registered type with its stored name.</summary>
    public IEnumerable<(string Name, Type Type)> All => _byName.Select(p => (p.Key, p.Value));

    public string NameOf(object e) =>
        _byType.TryGetValue(e.GetType(), out var name) ? name : throw new InvalidOperationException($"{e.GetType().Name} is not a registered event type");

    public string Serialize(object e) => JsonSerializer.Serialize(e, e.GetType(), LedgerJson.Options);

    public object Deserialize(string type, string data) =>
        _byName.TryGetValue(type, out var clr)
            ? JsonSerializer.Deserialize(data, clr, LedgerJson.Options) ?? throw new InvalidDataException($"event of type {type} has null data")
            : throw new InvalidDataException($"unknown event type {type}");
}
