using Ledger.Actors;
using Ledger.Regions;

namespace Ledger.Drafting;

/// <summary>The names drafting reads a text with: the regions and actors the ledger knows when the draft is made, so
/// that an actor registered or a division aliased a moment ago is recognised in the next draft.</summary>
public sealed record DraftVocabulary(RegionIndex Regions, ActorIndex Actors)
{
    /// <summary>The gazetteer and the seed actors, for drafting without a ledger (tests, <c>ledger draft</c> offline).</summary>
    public static readonly DraftVocabulary Seed = new(Gazetteer.Index, SeedActors.Index);

    private Dictionary<(string, string?, RegionLevel?), RegionDefined?>? _memo;

    /// <summary>The same names with a memory of the lookups of one draft: the same words are looked up for the country,
    /// the division and the place, first over the whole text and then sentence by sentence.</summary>
    public DraftVocabulary ForOneDraft() => new(Regions, Actors) { _memo = [], _actors = new(StringComparer.Ordinal) };

    private Dictionary<string, ActorState?>? _actors;

    /// <summary>An actor by a text's name (<see cref="ActorIndex.Resolve"/>), remembered for the draft: each sentence's
    /// words are read for the perpetrator, the party hit and who speaks.</summary>
    public ActorState? Actor(string text)
    {
        if (_actors is null) return Actors.Resolve(text);
        if (_actors.TryGetValue(text, out var known)) return known;
        return _actors[text] = Actors.Resolve(text);
    }

    /// <summary>A region by a text's name (<see cref="RegionIndex.Resolve"/>), remembered for the draft.</summary>
    public RegionDefined? Region(string text, string? country = null, RegionLevel? level = null)
    {
        if (_memo is null) return Regions.Resolve(text, country, level);
        if (_memo.TryGetValue((text, country, level), out var known)) return known;
        return _memo[(text, country, level)] = Regions.Resolve(text, country, level);
    }
}
