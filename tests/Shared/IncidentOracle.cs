using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Testing;

/// <summary>What an incident's stream says it is, worked out a second time, differently from <c>IncidentState</c>:
/// one imperative pass over the events into mutable tables, by the rules of docs/CONTRACT.md (a correction keeps
/// what it leaves null, an upheld dispute excludes a figure that is still current and a later revision does not
/// bring it back, a retraction keeps the history). Tests compare the stored rows with this, so a fold that drifts
/// from the contract fails them even when the projection agrees with it.</summary>
public static class IncidentOracle
{
    public sealed record Figure(string FigureId, string Source, int SourceRank, FigureCategory Category, string Party, PartyClass PartyClass,
        FigureValue Value, Certainty Certainty, DateTimeOffset? PublishedAt, string? Url, string? Quote, FigureStatus Status, int Revision,
        DateTimeOffset ValueRecordedAt, bool OpenDispute);

    public sealed record Dispute(string DisputeId, string FigureId, DisputeOutcome? Outcome);

    public sealed record Incident(string Id, string Title, string Type, Occurrence Occurred, string Country, string? Admin1, bool Retracted,
        string? RetractionReason, IReadOnlyList<Figure> Figures, IReadOnlyList<Dispute> Disputes);

    /// <summary>The incident after <paramref name="events"/>, or null when none reports it.</summary>
    public static Incident? Of(IEnumerable<(IIncidentEvent Event, EventContext Context)> events)
    {
        string? id = null, title = null, type = null, country = null, admin1 = null, retractionReason = null;
        Occurrence? occurred = null;
        var retracted = false;
        var figures = new SortedDictionary<string, Figure>(StringComparer.Ordinal);
        var disputes = new SortedDictionary<string, Dispute>(StringComparer.Ordinal);
        foreach (var (e, ctx) in events)
        {
            switch (e)
            {
                case IncidentReported r:
                    (id, title, type, occurred, country, admin1) = (r.IncidentId, r.Title, r.Type, r.Occurred, r.Location.Country, r.Location.Admin1);
                    break;
                case FigureReported f:
                    figures[f.FigureId] = new Figure(f.FigureId, f.Source, f.SourceRank, f.Category, f.Party, f.PartyClass, f.Value, f.Certainty,
                        f.PublishedAt, f.Url, f.Quote, FigureStatus.Active, 1, ctx.RecordedAt, false);
                    break;
                case FigureRevised v:
                    var old = figures[v.FigureId];
                    figures[v.FigureId] = old with
                    {
                        Value = v.Value, PublishedAt = v.PublishedAt, Url = v.Url, Quote = v.Quote, Revision = old.Revision + 1,
                        ValueRecordedAt = ctx.RecordedAt,
                    };
                    break;
                case FigureDisputed d:
                    disputes[d.DisputeId] = new Dispute(d.DisputeId, d.FigureId, null);
                    break;
                case DisputeResolved d:
                    disputes[d.DisputeId] = disputes[d.DisputeId] with { Outcome = d.Outcome };
                    if (d.Outcome == DisputeOutcome.Upheld && figures[d.FigureId].Status == FigureStatus.Active)
                        figures[d.FigureId] = figures[d.FigureId] with { Status = FigureStatus.Excluded };
                    break;
                case FigureRetracted x:
                    figures[x.FigureId] = figures[x.FigureId] with { Status = FigureStatus.Retracted };
                    break;
                case IncidentCorrected c:
                    if (c.Occurred is not null) occurred = c.Occurred;
                    if (c.Location is not null) (country, admin1) = (c.Location.Country, c.Location.Admin1);
                    if (c.Type is not null) type = c.Type;
                    break;
                case IncidentRetracted x:
                    (retracted, retractionReason) = (true, x.Reason);
                    break;
                default:
                    throw new ArgumentException($"not an incident event: {e.GetType().Name}");
            }
        }
        if (id is null) return null;
        var open = disputes.Values.Where(d => d.Outcome is null).Select(d => d.FigureId).ToHashSet(StringComparer.Ordinal);
        return new Incident(id, title!, type!, occurred!, country!, admin1, retracted, retractionReason,
            figures.Values.Select(f => f with { OpenDispute = open.Contains(f.FigureId) }).ToList(), disputes.Values.ToList());
    }

    /// <summary>The same view of a stored state, field by field, to compare with <see cref="Of"/>.</summary>
    public static Incident? Read(IncidentState s) => s.Id is null ? null : new Incident(s.Id, s.Title, s.Type, s.Occurred!, s.Location!.Country,
        s.Location.Admin1, s.Retracted, s.RetractionReason,
        s.Figures.Values.Select(f => new Figure(f.FigureId, f.Source, f.SourceRank, f.Category, f.Party, f.PartyClass, f.Value, f.Certainty,
            f.PublishedAt, f.Url, f.Quote, f.Status, f.Revision, f.RecordedAt, s.HasOpenDispute(f.FigureId))).ToList(),
        s.Disputes.Values.Select(d => new Dispute(d.DisputeId, d.FigureId, d.Outcome)).ToList());

    /// <summary>A figure as the reconciliation rules take it.</summary>
    public static ReconcilableFigure Reconcilable(Figure f) => new(f.FigureId, f.Source, f.SourceRank, f.Category, f.Party, f.PartyClass,
        f.Value, f.Certainty, f.PublishedAt, f.ValueRecordedAt, f.Status, f.OpenDispute);
}
