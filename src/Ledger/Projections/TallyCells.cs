using Ledger.Incidents;

namespace Ledger.Projections;

/// <summary>A pre-aggregated tally cell: one country, governorate ("" for none), span of days [Period, End], category
/// and party class ("*" for all classes together, so that an incident in two classes counts once when classes are
/// not split). Each incident is in one interval cell, its own interval of days: <see cref="Interval"/> when that lies
/// within one month, <see cref="Months"/> when it crosses a month's end. An incident whose interval lies within one
/// month is also in that <see cref="Month"/> cell, which tallies over whole months read instead.</summary>
public readonly record struct CellKey(string Country, string Admin1, char Span, DateOnly Period, DateOnly End, string Category, string PartyClass)
{
    public const char Month = 'm';
    public const char Interval = 'd';
    public const char Months = 'x';
    public const string AllClasses = "*";
}

/// <summary>What incidents add to a cell: how many, how many give a number, the sums, and how many are contested
/// or disputed. Kept twice: with every row, and without the rows that rest on claims alone (claims=exclude).</summary>
public readonly record struct CellSums(long Incidents, long Quantified, long Low, long Best, long High, long Unquantified, long Contested, long Disputed)
{
    public static CellSums operator +(CellSums a, CellSums b) => new(a.Incidents + b.Incidents, a.Quantified + b.Quantified,
        a.Low + b.Low, a.Best + b.Best, a.High + b.High, a.Unquantified + b.Unquantified, a.Contested + b.Contested, a.Disputed + b.Disputed);

    public static CellSums operator -(CellSums a, CellSums b) => a + b.Negated();

    private CellSums Negated() => new(-Incidents, -Quantified, -Low, -Best, -High, -Unquantified, -Contested, -Disputed);

    public bool IsZero => this == default;
}

public readonly record struct CellValue(CellSums All, CellSums WithoutClaims)
{
    public static CellValue operator +(CellValue a, CellValue b) => new(a.All + b.All, a.WithoutClaims + b.WithoutClaims);
    public static CellValue operator -(CellValue a, CellValue b) => new(a.All - b.All, a.WithoutClaims - b.WithoutClaims);
    public bool IsZero => All.IsZero && WithoutClaims.IsZero;
}

/// <summary>How one incident's tally contributions map onto cells, and what a change of them does to each cell.
/// Pure: the projection turns the deltas into cell versions with the positions at which they hold.</summary>
public static class TallyCells
{
    public static Dictionary<CellKey, CellValue> Of(IReadOnlyList<TallyContribution> rows)
    {
        // One pass: each row adds to the cells it falls in (its month if it has one, its interval; its class and all classes).
        var sums = new Dictionary<CellKey, (IncidentSums All, IncidentSums WithoutClaims)>();
        foreach (var r in rows)
        {
            var category = FigureIds.Kebab(r.Category);
            var partyClass = FigureIds.Kebab(r.PartyClass);
            var admin1 = r.Admin1 ?? "";
            var (from, to) = (r.OccurredFrom, r.OccurredTo);
            var oneMonth = from.Year == to.Year && from.Month == to.Month;
            if (oneMonth)
            {
                var month = new DateOnly(from.Year, from.Month, 1);
                var monthEnd = month.AddMonths(1).AddDays(-1);
                Add(new CellKey(r.Country, admin1, CellKey.Month, month, monthEnd, category, partyClass), r);
                Add(new CellKey(r.Country, admin1, CellKey.Month, month, monthEnd, category, CellKey.AllClasses), r);
            }
            var span = oneMonth ? CellKey.Interval : CellKey.Months;
            Add(new CellKey(r.Country, admin1, span, from, to, category, partyClass), r);
            Add(new CellKey(r.Country, admin1, span, from, to, category, CellKey.AllClasses), r);
        }
        var cells = new Dictionary<CellKey, CellValue>(sums.Count);
        foreach (var (key, (all, withoutClaims)) in sums) cells[key] = new CellValue(all.Cell, withoutClaims.Cell);
        return cells;

        void Add(CellKey key, TallyContribution r)
        {
            var (all, withoutClaims) = sums.GetValueOrDefault(key);
            sums[key] = (all.With(r), r.Contested ? withoutClaims : withoutClaims.With(r));
        }
    }

    /// <summary>The cells that change when an incident's rows go from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IEnumerable<(CellKey Key, CellValue Delta)> Delta(IReadOnlyList<TallyContribution> before, IReadOnlyList<TallyContribution> after) =>
        Delta(Of(before), Of(after));

    /// <summary>The same, from the cells of each side (see <see cref="Of"/>).</summary>
    public static IEnumerable<(CellKey Key, CellValue Delta)> Delta(Dictionary<CellKey, CellValue> was, Dictionary<CellKey, CellValue> now)
    {
        foreach (var (key, value) in now)
        {
            var delta = value - was.GetValueOrDefault(key);
            if (!delta.IsZero) yield return (key, delta);
        }
        foreach (var (key, value) in was)
            if (!now.ContainsKey(key)) yield return (key, default(CellValue) - value);
    }

    /// <summary>One incident's rows within one cell, collapsed: it counts once, gives a number when any row does, and is
    /// contested (disputed) there when any of its rows is.</summary>
    private readonly record struct IncidentSums(bool Any, bool Quantified, long Low, long Best, long High, long Unquantified, bool Contested, bool Disputed)
    {
        public IncidentSums With(TallyContribution r) => new(true, Quantified || r.Low is not null, Low + (r.Low ?? 0), Best + (r.Best ?? 0),
            High + (r.High ?? 0), Unquantified + r.Unquantified, Contested || r.Contested, Disputed || r.Disputed);

        public CellSums Cell => Any ? new CellSums(1, Quantified ? 1 : 0, Low, Best, High, Unquantified, Contested ? 1 : 0, Disputed ? 1 : 0) : default;
    }
}
