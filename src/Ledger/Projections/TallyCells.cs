using Ledger.Incidents;

namespace Ledger.Projections;

/// <summary>A pre-aggregated tally cell: one country, governorate ("" for none), month or day, category and party
/// class ("*" for all classes together, so that an incident in two classes counts once when classes are not split).</summary>
public readonly record struct CellKey(string Country, string Admin1, char Span, DateOnly Period, string Category, string PartyClass)
{
    public const char Month = 'm';
    public const char Day = 'd';
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

    /// <summary>One incident's rows within one cell, collapsed: it counts once, and is contested (disputed) there
    /// when any of its rows is.</summary>
    public static CellSums OfIncident(IReadOnlyCollection<TallyContribution> rows) => rows.Count == 0 ? default : new(
        1, rows.Any(r => r.Low is not null) ? 1 : 0, rows.Sum(r => r.Low ?? 0), rows.Sum(r => r.Best ?? 0), rows.Sum(r => r.High ?? 0),
        rows.Sum(r => (long)r.Unquantified), rows.Any(r => r.Contested) ? 1 : 0, rows.Any(r => r.Disputed) ? 1 : 0);
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
        var cells = new Dictionary<CellKey, CellValue>();
        foreach (var group in rows.SelectMany(r => KeysOf(r).Select(k => (Key: k, Row: r))).GroupBy(x => x.Key, x => x.Row))
        {
            var all = group.ToList();
            cells[group.Key] = new CellValue(CellSums.OfIncident(all), CellSums.OfIncident(all.Where(r => !r.Contested).ToList()));
        }
        return cells;
    }

    /// <summary>The cells that change when an incident's rows go from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IEnumerable<(CellKey Key, CellValue Delta)> Delta(IReadOnlyList<TallyContribution> before, IReadOnlyList<TallyContribution> after)
    {
        var was = Of(before);
        var now = Of(after);
        foreach (var key in was.Keys.Union(now.Keys))
        {
            var delta = now.GetValueOrDefault(key) - was.GetValueOrDefault(key);
            if (!delta.IsZero) yield return (key, delta);
        }
    }

    private static IEnumerable<CellKey> KeysOf(TallyContribution r)
    {
        var category = FigureIds.Kebab(r.Category);
        var partyClass = FigureIds.Kebab(r.PartyClass);
        var month = new DateOnly(r.OccurredDate.Year, r.OccurredDate.Month, 1);
        var admin1 = r.Admin1 ?? "";
        foreach (var (span, period) in new[] { (CellKey.Month, month), (CellKey.Day, r.OccurredDate) })
        {
            yield return new CellKey(r.Country, admin1, span, period, category, partyClass);
            yield return new CellKey(r.Country, admin1, span, period, category, CellKey.AllClasses);
        }
    }
}
