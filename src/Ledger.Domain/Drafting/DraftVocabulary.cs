using Ledger.Actors;
using Ledger.Regions;

namespace Ledger.Drafting;

/// <summary>The names drafting reads a text with: the regions and actors the ledger knows when the draft is made, so
/// that an actor registered or a division aliased a moment ago is recognised in the next draft.</summary>
public sealed record DraftVocabulary(RegionIndex Regions, ActorIndex Actors)
{
    /// <summary>The gazetteer and the seed actors, for drafting without a ledger (tests, <c>ledger draft</c> offline).</summary>
    public static readonly DraftVocabulary Seed = new(Gazetteer.Index, SeedActors.Index);
}
