using System.Reflection;
using System.Text.Json;
using Ledger.Reconciliation;
using Ledger.Serialization;

namespace Ledger.Actors;

/// <summary>The actors a new ledger starts with (actors.json, data shipped beside the code): registered by events at
/// a ledger's first start, after which the ledger learns actors by events only. Drafting reads them too, until it is
/// given the ledger's own registry.</summary>
public static class SeedActors
{
    private sealed record Entry(string Id, string Name, string? NameAr, PartyClass PartyClass, ActorKind Kind, IReadOnlyList<string> Aliases);

    private sealed record File(IReadOnlyList<Entry> Actors);

    public static readonly IReadOnlyList<RegisterActor> Commands = Load();

    /// <summary>The seed as a registry, for what reads actors without a ledger (drafting, tests).</summary>
    public static readonly ActorIndex Index = new(Commands.Select(c =>
        ActorState.Initial.Apply(new ActorRegistered(c.ActorId, c.Name, c.NameAr, c.Aliases ?? [], c.PartyClass, c.Kind, c.Reason), new EventContext(1, 0, DateTimeOffset.UnixEpoch, "ledger"))));

    private static List<RegisterActor> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("actors/actors.json")
            ?? throw new InvalidOperationException("actors/actors.json is not embedded");
        var file = JsonSerializer.Deserialize<File>(stream, LedgerJson.Options)!;
        return file.Actors.Select(a => new RegisterActor(a.Id, a.Name, a.NameAr, a.Aliases, a.PartyClass, a.Kind, "the actors a new ledger starts with")).ToList();
    }
}
