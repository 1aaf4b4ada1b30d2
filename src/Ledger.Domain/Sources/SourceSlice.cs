namespace Ledger.Sources;

/// <summary>An event of stream <c>source-{id}</c>.</summary>
public interface ISourceEvent;

public sealed record SourceRegistered(string SourceId, string Name, SourceKind Kind, string? Url, int? Rank) : ISourceEvent;

public sealed record RegisterSource(string SourceId, string Name, SourceKind Kind, string? Url = null, int? Rank = null);

/// <summary>A source as registered; <see cref="EffectiveRank"/> is its own rank or its kind's default.</summary>
public sealed record SourceState(string? Id = null, string Name = "", SourceKind Kind = SourceKind.Monitor, string? Url = null, int? Rank = null)
{
    public static readonly SourceState Initial = new();
    public bool Exists => Id is not null;
    public int EffectiveRank => Rank ?? SourceRanks.DefaultFor(Kind);

    public SourceState Apply(ISourceEvent e, EventContext ctx) => e switch
    {
        SourceRegistered x => new SourceState(x.SourceId, x.Name, x.Kind, x.Url, x.Rank),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a source event"),
    };
}

public static class SourceDecider
{
    /// <summary>Stream <c>source-{id}</c>: one registered source.</summary>
    public static readonly Decider<RegisterSource, ISourceEvent, SourceState> Kind = new(
        "source-", SourceState.Initial, (state, e, ctx) => state.Apply(e, ctx), (c, state, _) => Decide(c, state),
        [typeof(SourceRegistered)]);

    public static Decision<ISourceEvent> Decide(RegisterSource c, SourceState state)
    {
        if (state.Exists) return DomainError.Conflict("source-exists", $"source {c.SourceId} is already registered", "id");
        var error = Slug.Check(c.SourceId, "id")
            ?? FreeText.Check(c.Name, "name", 300, required: true)
            ?? FreeText.CheckUrl(c.Url, "url")
            ?? (c.Rank is < 1 or > 100 ? DomainError.Invalid("rank", "rank must be between 1 (first) and 100") : null);
        return error ?? Decision<ISourceEvent>.Accept(new SourceRegistered(c.SourceId, c.Name, c.Kind, c.Url, c.Rank));
    }
}
