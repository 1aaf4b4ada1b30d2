using System.Collections.Immutable;
using Ledger.Reconciliation;

namespace Ledger.Actors;

/// <summary>An actor as its stream says it is now; a pure fold.</summary>
public sealed record ActorState
{
    public static readonly ActorState Initial = new();

    public string? Id { get; init; }
    public string Name { get; init; } = "";
    public string? NameAr { get; init; }
    public ImmutableList<string> Aliases { get; init; } = [];
    public PartyClass PartyClass { get; init; } = PartyClass.Unknown;
    public ActorKind Kind { get; init; } = ActorKind.Unknown;
    public string? Succeeds { get; init; }
    public DateOnly? From { get; init; }
    /// <summary>The actor this one was merged into; null while it stands on its own.</summary>
    public string? MergedInto { get; init; }
    public bool Exists => Id is not null;

    public ActorState Apply(IActorEvent e, EventContext ctx) => e switch
    {
        ActorRegistered x => new ActorState
        {
            Id = x.ActorId, Name = x.Name, NameAr = x.NameAr, Aliases = [.. x.Aliases], PartyClass = x.PartyClass, Kind = x.Kind,
            Succeeds = x.Succeeds, From = x.From,
        },
        ActorAliasAdded x => this with { Aliases = Aliases.Add(x.Alias) },
        ActorAliasRemoved x => this with { Aliases = Aliases.RemoveAll(a => NameKey.Of(a) == NameKey.Of(x.Alias)) },
        ActorRenamed x => this with
        {
            Name = x.Name, NameAr = x.NameAr ?? NameAr,
            Aliases = Aliases.AddRange(new[] { x.PreviousName, x.NameAr is null ? null : x.PreviousNameAr }.OfType<string>()),
        },
        ActorMerged x => this with { MergedInto = x.Into },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not an actor event"),
    };

    /// <summary>Every name the actor answers to: id, names and aliases.</summary>
    public IEnumerable<string> Names => new[] { Id, Name, NameAr }.OfType<string>().Concat(Aliases);

    public Actor ToActor() => new(Id!, Name, NameAr, PartyClass, Aliases);
}
