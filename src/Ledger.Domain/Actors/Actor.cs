using Ledger.Reconciliation;

namespace Ledger.Actors;

/// <summary>Who is hit, or who attacks: an armed force, a group, or civilians. <see cref="PartyClass"/> is the class a
/// figure for this party usually has; a figure may still say otherwise (a defector, a militia counted as state forces).</summary>
public sealed record Actor(string Id, string Name, string? NameAr, PartyClass PartyClass, IReadOnlyList<string> Aliases) : INamed;
