namespace Ledger.Actors;

/// <summary>Stream <c>actor-{id}</c>: one actor the ledger has learned, and how its names changed. What a change means
/// for the other actors (an alias they hold, a merge target that must exist) is checked against the registry by
/// <see cref="ActorIndex.Check"/> before the command is decided.</summary>
public static class ActorDecider
{
    public static readonly Decider<ActorCommand, IActorEvent, ActorState> Kind = new(
        "actor-", ActorState.Initial, (state, e, ctx) => state.Apply(e, ctx), Decide,
        [typeof(ActorRegistered), typeof(ActorAliasAdded), typeof(ActorAliasRemoved), typeof(ActorRenamed), typeof(ActorMerged)]);

    public const int MaxAliases = 100;

    public static Decision<IActorEvent> Decide(ActorCommand command, ActorState state, DateTimeOffset now)
    {
        if (command is RegisterActor register) return Register(register, state, now);
        if (!state.Exists) return DomainError.NotFound("actor-not-found", "no such actor; register it with POST /api/actors", "id");
        if (state.MergedInto is { } into)
            return DomainError.Conflict("actor-merged", $"actor {state.Id} was merged into {into}: change {into} instead", "id");
        return command switch
        {
            AddActorAlias c => Reason(c.Reason) ?? FreeText.Check(c.Alias, "alias", 200, required: true)
                ?? (state.Names.Any(n => NameKey.Of(n) == NameKey.Of(c.Alias))
                    ? DomainError.Conflict("alias-exists", $"\"{c.Alias}\" already names {state.Id}", "alias") : null)
                ?? (state.Aliases.Count >= MaxAliases ? DomainError.Invalid("alias", $"an actor keeps at most {MaxAliases} aliases") : null)
                ?? Accept(new ActorAliasAdded(state.Id!, c.Alias.Trim(), c.Reason)),
            RemoveActorAlias c => Reason(c.Reason)
                ?? (state.Aliases.Any(a => NameKey.Of(a) == NameKey.Of(c.Alias ?? ""))
                    ? Accept(new ActorAliasRemoved(state.Id!, c.Alias!, c.Reason))
                    : DomainError.NotFound("alias-not-found", $"\"{c.Alias}\" is not an alias of {state.Id} (its aliases: {string.Join(", ", state.Aliases)})", "alias")),
            RenameActor c => Reason(c.Reason) ?? FreeText.Check(c.Name, "name", 300, required: true) ?? FreeText.Check(c.NameAr, "nameAr", 300, required: false)
                ?? (NameKey.Of(c.Name) == NameKey.Of(state.Name) && (c.NameAr is null || c.NameAr == state.NameAr)
                    ? DomainError.Invalid("name", $"{state.Id} is already named \"{state.Name}\"") : null)
                ?? Accept(new ActorRenamed(state.Id!, c.Name.Trim(), c.NameAr?.Trim(), state.Name, state.NameAr, c.Reason)),
            MergeActor c => Reason(c.Reason) ?? Slug.Check(c.Into, "into")
                ?? (c.Into == state.Id ? DomainError.Invalid("into", $"an actor cannot be merged into itself ({state.Id})") : null)
                ?? Accept(new ActorMerged(state.Id!, c.Into, c.Reason)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, null),
        };
    }

    private static Decision<IActorEvent> Register(RegisterActor c, ActorState state, DateTimeOffset now)
    {
        if (state.Exists) return DomainError.Conflict("actor-exists", $"actor {c.ActorId} is already registered", "id");
        var aliases = (c.Aliases ?? []).Select(a => a?.Trim() ?? "").ToList();
        var error = Slug.Check(c.ActorId, "id")
            ?? FreeText.Check(c.Name, "name", 300, required: true)
            ?? FreeText.Check(c.NameAr, "nameAr", 300, required: false)
            ?? Reason(c.Reason)
            ?? (aliases.Count > MaxAliases ? DomainError.Invalid("aliases", $"an actor keeps at most {MaxAliases} aliases") : null)
            ?? aliases.Select((a, i) => FreeText.Check(a, $"aliases[{i}]", 200, required: true)).FirstOrDefault(e => e is not null)
            ?? (c.Succeeds is null ? null : Slug.Check(c.Succeeds, "succeeds"))
            ?? (c.Succeeds == c.ActorId ? DomainError.Invalid("succeeds", "an actor cannot succeed itself") : null)
            ?? (c.From is not null && c.Succeeds is null ? DomainError.Invalid("from", "from is the day a split actor succeeds another: give succeeds too") : null)
            ?? (c.From is { } from && from > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)) ? DomainError.Invalid("from", "from is in the future") : null);
        return error ?? Accept(new ActorRegistered(c.ActorId, c.Name.Trim(), c.NameAr?.Trim(),
            aliases.DistinctBy(NameKey.Of).ToList(), c.PartyClass, c.Kind, c.Reason, c.Succeeds, c.From));
    }

    private static DomainError? Reason(string? reason) => FreeText.Check(reason, "reason", 2000, required: true);

    private static Decision<IActorEvent> Accept(IActorEvent e) => Decision<IActorEvent>.Accept(e);
}
