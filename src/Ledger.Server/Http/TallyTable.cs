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
        ("contested", "#event+contested+num"), ("disputed", "#event+disputed+num"),
    ];

    public static TallyTable Of(TallyResult result)
    {
        var columns = result.GroupBy.SelectMany(d => d switch
        {
            TallyDimension.Admin1 => [("admin1", "#adm1+code"), ("admin1Name", "#adm1+name")],
            TallyDimension.Month => [("month", "#date+month")],
            TallyDimension.Year => [("year", "#date+year")],
            TallyDimension.PartyClass => [("partyClass", "#group+affected+type")],
            _ => new[] { ("category", "#indicator+category") },
        }).Concat(Numbers).ToList();
        var rows = result.Rows.Select(r => (IReadOnlyList<object?>)result.GroupBy.SelectMany(d => d switch
        {
            TallyDimension.Admin1 => [r.Admin1, r.Admin1Name],
            TallyDimension.Month => [r.Month],
            TallyDimension.Year => [r.Year],
            TallyDimension.PartyClass => [r.PartyClass is { } pc ? FigureIds.Kebab(pc) : null],
            _ => new object?[] { r.Category is { } c ? FigureIds.Kebab(c) : null },
        }).Concat([r.Low, r.Best, r.High, r.Incidents, r.Unquantified, r.Contested, r.Disputed]).ToList()).ToList();
        return new TallyTable(columns, rows);
    }

    public Csv ToCsv()
    {
        var csv = new Csv(Columns.ToList());
        foreach (var row in Rows) csv.Row([.. row]);
        return csv;
    }
}
