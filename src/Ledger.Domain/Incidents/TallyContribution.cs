using Ledger.Reconciliation;

namespace Ledger.Incidents;

/// <summary>What one incident adds to one tally row: its reconciled row, at its current place and in its current
/// interval of days [<see cref="OccurredFrom"/>, <see cref="OccurredTo"/>].</summary>
public sealed record TallyContribution(
    string IncidentId, FigureCategory Category, PartyClass PartyClass, string Country, string? Admin1, DateOnly OccurredFrom, DateOnly OccurredTo,
    long? Low, long? Best, long? High, int Unquantified, bool Contested, bool Disputed)
{
    /// <summary>A retracted incident adds nothing; otherwise one contribution per reconciled row, with the
    /// row's flags: its numbers rest on claims alone (<see cref="Contested"/>), a dispute is open (<see cref="Disputed"/>).</summary>
    public static IReadOnlyList<TallyContribution> Of(IncidentState state) =>
        !state.Exists || state.Retracted
            ? []
            : state.Reconcile().Select(r => new TallyContribution(state.Id!, r.Category, r.PartyClass, state.Location!.Country,
                state.Location.Admin1, state.Occurred!.Start, state.Occurred.End, r.Low, r.Best, r.High, r.Unquantified, r.Contested, r.Disputed)).ToList();
}
