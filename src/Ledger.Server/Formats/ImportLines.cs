using System.Text.Json.Nodes;
using Ledger.Names;
using Ledger.Reconciliation;

namespace Ledger.Server.Formats;

/// <summary>
/// Import lines (docs/CONTRACT.md §3) a foreign file becomes, each with the file's line it comes from, so that the
/// file goes through the one import path and a refusal names the file's line. Each line's id is
/// <c>{prefix}/{about}</c>, so that a file imported twice appends nothing. Names the registry does not know are
/// registered once, on the line that first uses them.
/// </summary>
public sealed class ImportLines(string prefix, NameResolver names)
{
    private readonly List<(int Line, JsonObject Command)> _lines = [];
    private readonly Dictionary<string, (string Id, string PartyClass)> _registered = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<(int Line, JsonObject Command)> Lines => _lines;

    public void Add(int line, string command, string about, JsonObject body)
    {
        body["command"] = command;
        body["id"] = $"{prefix}/{command}/{about}";
        _lines.Add((line, body));
    }

    /// <summary>The format's source, registered on the file's first line unless the ledger holds it.</summary>
    public async Task SourceAsync(Import.ImportSession session, string id, string name, string url)
    {
        if ((await session.StateAsync(Sources.SourceDecider.Kind, id)).Id is null)
            Add(1, "registerSource", "source", new JsonObject { ["sourceId"] = id, ["name"] = name, ["kind"] = "monitor", ["url"] = url });
    }

    /// <summary>An actor by any of its names; one the registry does not know is registered with the class given.</summary>
    public async Task<(string Id, string PartyClass)> ActorAsync(int line, string name, string partyClass, string reason)
    {
        if (name.Equals("Civilians", StringComparison.OrdinalIgnoreCase)) return ("civilians", "civilians");
        // A side this file registers is found here first: asking the registry again would read it anew for every row
        // (a name it does not know makes the resolver reload it), 80 times slower than the import itself.
        if (_registered.TryGetValue(name, out var known)) return known;
        if (await names.ActorAsync(name) is { } actor) return _registered[name] = (actor.Id!, Kebab(actor.PartyClass));
        var id = ActorId(name);
        _registered[name] = (id, partyClass);
        Add(line, "registerActor", "actor/" + id, new JsonObject { ["actorId"] = id, ["name"] = name, ["partyClass"] = partyClass, ["reason"] = reason });
        return (id, partyClass);
    }

    public static JsonObject Exact(int value) => new() { ["kind"] = "exact", ["value"] = value };

    public static string Kebab(PartyClass c) => Incidents.FigureIds.Kebab(c);

    /// <summary>Text cut to what a field holds, with an ellipsis where it was cut.</summary>
    public static string Cut(string text, int most) => text.Length <= most ? text : text[..(most - 3)] + "...";

    /// <summary>An id for a name the registry does not know: the name in lower case, other characters as '-'.</summary>
    private static string ActorId(string name)
    {
        var folded = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        var id = string.Join('-', folded.Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (id.Length > 100) id = id[..100].TrimEnd('-');
        return Slug.IsValid(id) ? id : "actor-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..12];
    }
}
