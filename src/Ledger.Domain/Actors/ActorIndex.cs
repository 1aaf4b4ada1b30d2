namespace Ledger.Actors;

/// <summary>
/// The actor registry at one point of the log, folded from the actor streams: names in any case and spelling
/// (<see cref="NameKey"/>) to the actor they name today. A merged actor's names, old id included, resolve to the actor
/// it was merged into, so a filter on either finds the figures of both. Built by the infrastructure from the log up
/// to a position (as of any point); pure from there.
/// </summary>
public sealed class ActorIndex
{
    private readonly Dictionary<string, ActorState> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);

    public ActorIndex(IEnumerable<ActorState> actors)
    {
        foreach (var a in actors.Where(a => a.Exists)) _byId[a.Id!] = a;
        // Standing actors' names first, so that a name a merged actor shares with its successor stays the successor's.
        foreach (var a in _byId.Values.OrderBy(a => a.MergedInto is null ? 0 : 1).ThenBy(a => a.Id, StringComparer.Ordinal))
            foreach (var key in a.Names.Select(NameKey.Of).Where(k => k.Length > 0))
                _byKey.TryAdd(key, a.Id!);
    }

    public static readonly ActorIndex Empty = new([]);

    /// <summary>Actors that stand on their own now (not merged), by id.</summary>
    public IReadOnlyList<ActorState> Standing => _byId.Values.Where(a => a.MergedInto is null).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ActorState> All => _byId.Values.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();

    public ActorState? this[string id] => _byId.GetValueOrDefault(id);

    /// <summary>The actor a name stands for today: its own, or the one it was merged into (followed to the end).</summary>
    public ActorState? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var id = _byId.ContainsKey(name) ? name : _byKey.GetValueOrDefault(NameKey.Of(name));
        return id is null ? null : Current(id);
    }

    /// <summary>The actor stored figures name by <paramref name="id"/> stand for today.</summary>
    public ActorState? Current(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var actor = _byId.GetValueOrDefault(id);
        while (actor?.MergedInto is { } into && seen.Add(actor.Id!)) actor = _byId.GetValueOrDefault(into) ?? actor;
        return actor;
    }

    /// <summary>Every id stored figures and incidents may carry for <paramref name="actor"/>: its own and those of every
    /// actor merged into it, so that a filter on it finds them all.</summary>
    public IReadOnlyList<string> IdsOf(ActorState actor) =>
        _byId.Values.Where(a => Current(a.Id!)?.Id == actor.Id).Select(a => a.Id!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The names closest to one that named no actor, for the refusal's message.</summary>
    public IReadOnlyList<string> Closest(string name, int count = 5)
    {
        var key = NameKey.Of(name);
        return Standing.Select(a => (a.Id!, Distance: a.Names.Select(n => Edits(key, NameKey.Of(n))).DefaultIfEmpty(int.MaxValue).Min()))
            .OrderBy(x => x.Distance).ThenBy(x => x.Item1, StringComparer.Ordinal).Take(count).Select(x => x.Item1).ToList();
    }

    /// <summary>What the registry says against a command for actor <paramref name="actorId"/>: a name another actor
    /// holds (409 naming it), a merge target or a predecessor that does not stand.</summary>
    public DomainError? Check(string actorId, ActorCommand command)
    {
        IEnumerable<(string Name, string Field)> names = command switch
        {
            RegisterActor c => new (string? Name, string Field)[] { (c.ActorId, "id"), (c.Name, "name"), (c.NameAr, "nameAr") }
                .Concat((c.Aliases ?? []).Select((a, i) => (Name: (string?)a, Field: $"aliases[{i}]")))
                .Where(n => n.Name is not null).Select(n => (n.Name!, n.Field)),
            AddActorAlias c => [(c.Alias, "alias")],
            RenameActor c => new (string? Name, string Field)[] { (c.Name, "name"), (c.NameAr, "nameAr") }.Where(n => n.Name is not null).Select(n => (n.Name!, n.Field)),
            _ => [],
        };
        foreach (var (name, field) in names)
        {
            var key = NameKey.Of(name ?? "");
            if (key.Length > 0 && _byKey.TryGetValue(key, out var holder) && holder != actorId)
                return DomainError.Conflict("alias-taken", $"\"{name}\" already names actor {holder}; two actors cannot share a name", field);
        }
        return command switch
        {
            MergeActor m when Resolve(m.Into) is not { } target => DomainError.Invalid("into", $"into \"{m.Into}\" is not a known actor" + Suggest(m.Into)),
            MergeActor m when Current(m.Into)?.Id == actorId => DomainError.Invalid("into", $"{m.Into} was merged into {actorId}: merging back would make a loop"),
            RegisterActor { Succeeds: { } s } when Resolve(s) is null => DomainError.Invalid("succeeds", $"succeeds \"{s}\" is not a known actor" + Suggest(s)),
            _ => null,
        };
    }

    /// <summary>", closest: a, b, c", or nothing when no actor is registered.</summary>
    public string Suggest(string name) => Closest(name) is { Count: > 0 } near ? $"; closest: {string.Join(", ", near)}" : "";

    private static int Edits(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var keep = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = keep;
            }
        }
        return row[b.Length];
    }
}
