using Ledger.Reconciliation;

namespace Ledger.Actors;

/// <summary>What kind of actor: a state's armed force, a group, a foreign force, civilians, or not known.</summary>
public enum ActorKind { ArmedGroup, StateForce, ForeignForce, Civilians, Unknown }

/// <summary>An event of stream <c>actor-{id}</c>. Each carries why it was made; who made it is its recordedBy.</summary>
public interface IActorEvent
{
    string Reason { get; }
}

/// <summary>An actor the ledger learns. <see cref="Succeeds"/> and <see cref="From"/> say it split from another,
/// which it succeeds from that day on.</summary>
public sealed record ActorRegistered(
    string ActorId, string Name, string? NameAr, IReadOnlyList<string> Aliases, PartyClass PartyClass, ActorKind Kind, string Reason,
    string? Succeeds = null, DateOnly? From = null) : IActorEvent;

public sealed record ActorAliasAdded(string ActorId, string Alias, string Reason) : IActorEvent;

public sealed record ActorAliasRemoved(string ActorId, string Alias, string Reason) : IActorEvent;

/// <summary>A new name; the old one (English, and Arabic when that changes too) stays an alias, so it still resolves.</summary>
public sealed record ActorRenamed(string ActorId, string Name, string? NameAr, string PreviousName, string? PreviousNameAr, string Reason) : IActorEvent;

/// <summary>The actor is one with <see cref="Into"/> from now on: its names and its figures are the other's.</summary>
public sealed record ActorMerged(string ActorId, string Into, string Reason) : IActorEvent;
