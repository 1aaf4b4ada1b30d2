using Ledger.Actors;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger;

/// <summary>Every kind of stream the ledger writes.</summary>
public static class StreamKinds
{
    public static readonly IReadOnlyList<IStreamKind> All = [IncidentDecider.Kind, RegionDecider.Kind, SourceDecider.Kind, ActorDecider.Kind];

    public static IStreamKind For(string streamId) =>
        All.FirstOrDefault(k => k.Owns(streamId)) ?? throw new ArgumentException($"{streamId} is not a ledger stream", nameof(streamId));
}
