namespace Ledger;

/// <summary>Something a request may name by its id, English or Arabic name, or an alias.</summary>
public interface INamed
{
    string Id { get; }
    string Name { get; }
    string? NameAr { get; }
    IReadOnlyList<string> Aliases { get; }
}

/// <summary>A fixed list of named things, each found by any of its names in any case and spelling (<see cref="NameKey"/>).
/// A name two entries share is refused when the list is built, so a lookup is never ambiguous.</summary>
public sealed class Vocabulary<T> where T : INamed
{
    private readonly Dictionary<string, T> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);

    public Vocabulary(IEnumerable<T> entries)
    {
        foreach (var e in entries)
        {
            _byId.Add(e.Id, e);
            foreach (var key in new[] { e.Id, e.Name, e.NameAr }.Concat(e.Aliases).OfType<string>().Select(NameKey.Of).Where(k => k.Length > 0).Distinct())
                if (!_byKey.TryAdd(key, e) && _byKey[key].Id != e.Id)
                    throw new ArgumentException($"\"{key}\" names both {_byKey[key].Id} and {e.Id}", nameof(entries));
        }
        All = _byId.Values.ToList();
    }

    public IReadOnlyList<T> All { get; }

    public IEnumerable<string> Ids => All.Select(e => e.Id);

    public T? Resolve(string? name) =>
        string.IsNullOrWhiteSpace(name) ? default
        : _byId.TryGetValue(name, out var exact) ? exact
        : _byKey.GetValueOrDefault(NameKey.Of(name));

    public T? this[string id] => _byId.GetValueOrDefault(id);
}
