using Ledger.Incidents;
using Ledger.Projections;

namespace Ledger.Server.Http;

/// <summary>A tally as a table: one column per key grouped by (the governorate's name after its p-code), then
/// the numbers and the flags' counts, each with its HXL hashtag. The CSV export and the CLI print the same table.</summary>
public sealed record TallyTable(IReadOnlyList<(string Header, string Hxl)> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    private static readonly (string Header, string Hxl)[] Numbers =
    [
        ("low", "#affected+min"), ("best", "#affected+num"), ("high", "#affected+max"),
        ("incidents", "#event+num"), ("unquantified", "#event+unquantified+num"),
        ("contested", "#event+contested+num"), ("disputed", "#event+disputed+num"), ("straddling", "#event+straddling+num"),
    ];

    public static TallyTable Of(TallyResult result)
    {
        // Every row lies in a country or spans several (empty): the country leads, whether grouped by it or not.
        var groupBy = result.GroupBy.Where(d => d != TallyDimension.Country).ToList();
        var columns = new[] { ("country", "#country+code") }.Concat(groupBy.SelectMany(d => d switch
        {
            TallyDimension.Admin1 => [("admin1", "#adm1+code"), ("admin1Name", "#adm1+name")],
            TallyDimension.Month => [("month", "#date+month")],
            TallyDimension.Year => [("year", "#date+year")],
            TallyDimension.PartyClass => [("partyClass", "#group+affected+type")],
            TallyDimension.Perpetrator => [("perpetrator", "#org+perpetrator")],
            _ => new[] { ("category", "#indicator+category") },
        })).Concat(Numbers).ToList();
        var rows = result.Rows.Select(r => (IReadOnlyList<object?>)new object?[] { r.Country }.Concat(groupBy.SelectMany(d => d switch
        {
            TallyDimension.Admin1 => [r.Admin1?.ToUpperInvariant(), r.Admin1Name],
            TallyDimension.Month => [r.Month],
            TallyDimension.Year => [r.Year],
            TallyDimension.PartyClass => [r.PartyClass is { } pc ? FigureIds.Kebab(pc) : null],
            TallyDimension.Perpetrator => [r.Perpetrator],
            _ => new object?[] { r.Category is { } c ? FigureIds.Kebab(c) : null },
        })).Concat([r.Low, r.Best, r.High, r.Incidents, r.Unquantified, r.Contested, r.Disputed, r.Straddling]).ToList()).ToList();
        return new TallyTable(columns, rows);
    }

    /// <summary>The table as CSV; a tally of a past point starts with the row that cites it.</summary>
    public Csv ToCsv(ReadPoint? point = null, string? release = null)
    {
        var csv = new Csv(Columns.ToList(), point, release);
        foreach (var row in Rows) csv.Row([.. row]);
        return csv;
    }
}
