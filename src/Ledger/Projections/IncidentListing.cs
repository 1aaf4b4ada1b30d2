using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Projections;

/// <summary>
/// What the incident list filters and orders on, as one incident stands: its place, dates, type, flags, and the
/// sources, party classes and categories of its current figures (space-separated, sorted). The current row of
/// <c>projections.incidents</c> holds it beside the state; <c>projections.incident_versions</c> keeps a version each
/// time it changes, so the list can be read as of any past position.
/// </summary>
public sealed record IncidentListing(string Country, string? Admin1, DateOnly OccurredFrom, DateOnly OccurredTo, string Type,
    bool Retracted, bool Disputed, string? Perpetrator, string Sources, string PartyClasses, string Categories, bool Contested, string Search)
{
    /// <summary>The listing of an incident, or null while it has not been reported.</summary>
    public static IncidentListing? Of(IncidentState s)
    {
        if (!s.Exists) return null;
        var current = s.Figures.Values.Where(f => f.Status == FigureStatus.Active).ToList();
        return new IncidentListing(s.Location!.Country, s.Location.Admin1, s.Occurred!.Start, s.Occurred.End, s.Type, s.Retracted,
            s.Disputes.Values.Any(d => d.Outcome is null), s.Perpetrator,
            Words(current.Select(f => f.Source)), Words(current.Select(f => FigureIds.Kebab(f.PartyClass))),
            Words(current.Select(f => FigureIds.Kebab(f.Category))), s.Reconcile().Any(r => r.Contested),
            $"{s.Title}\n{s.Description}".ToLowerInvariant());
    }

    private static string Words(IEnumerable<string> slugs) => string.Join(' ', slugs.Distinct().Order(StringComparer.Ordinal));
}
