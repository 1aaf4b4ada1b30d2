using Ledger.Reconciliation;

namespace Ledger.Actors;

public abstract record ActorCommand;

public sealed record RegisterActor(
    string ActorId, string Name, string? NameAr, IReadOnlyList<string>? Aliases, PartyClass PartyClass, ActorKind Kind, string Reason,
    string? Succeeds = null, DateOnly? From = null) : ActorCommand;

public sealed record AddActorAlias(string Alias, string Reason) : ActorCommand;

public sealed record RemoveActorAlias(string Alias, string Reason) : ActorCommand;

public sealed record RenameActor(string Name, string? NameAr, string Reason) : ActorCommand;

public sealed record MergeActor(string Into, string Reason) : ActorCommand;
