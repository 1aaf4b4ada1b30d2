using System.Globalization;
using System.Text;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Server.Http;
using static Ledger.Server.Web.Html;

namespace Ledger.Server.Web;

/// <summary>The filters a page was opened with, read and checked as the API reads them (a bad value is a
/// message on the page, never a silent default), and the form that changes them.</summary>
public sealed record PageFilter(TallyFilter Filter, IReadOnlyDictionary<string, string?> Values, DateOnly? AsOfDate, string? Error,
    IReadOnlyList<(string Code, string Name)>? Countries = null)
{
    public string? Raw(string name) => Values.GetValueOrDefault(name);

    /// <summary>What the tallies page takes; anything else is said to be unknown, as the API says it.</summary>
    public static readonly string[] OverviewParameters = ["country", "admin1", "region", "category", "partyClass", "from", "to", "asOfDate", "asOfPosition", "release", "claims"];

    public static readonly string[] IncidentListParameters =
        ["country", "admin1", "region", "category", "partyClass", "from", "to", "dates", "q", "perpetrator", "source", "type", "disputed", "contested",
         "includeRetracted", "updatedAfter", "cursor", "asOfDate", "asOfPosition", "release"];

    /// <summary>The regional figures page reads only a point of the log.</summary>
    public static readonly string[] PointParameters = ["asOfDate", "asOfPosition", "release"];

    public static async Task<PageFilter> ReadAsync(HttpContext ctx, Lookups lookups, IReadOnlyCollection<string> accepted)
    {
        var values = ctx.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        // A parameter this page does not read is refused, never ignored: /incidents?asOfPosition=60 once showed the present.
        if (values.Keys.FirstOrDefault(k => !accepted.Contains(k)) is { } unknown)
            return new PageFilter(new TallyFilter(), values, null,
                $"<p class=\"error\" role=\"alert\">{E(unknown)}: this page does not take {E(unknown)}; it takes {E(string.Join(", ", accepted))}</p>",
                await lookups.CountriesAsync(ctx.RequestAborted));
        var q = new QueryParams(name => values.GetValueOrDefault(name));
        var filter = await q.TallyFilterAsync(lookups);
        // A date on the page means "as the ledger stood at the end of that day" (UTC).
        var asOfDate = q.Date("asOfDate");
        // As the API refuses a future asOf: a link cited today must show the same numbers later.
        if (asOfDate > DateOnly.FromDateTime(DateTime.UtcNow)) q.Fail("asOfDate", "asOfDate is in the future: the ledger can show only days that have begun");
        else if (asOfDate is { } d && filter.AsOfPosition is null)
        {
            var endOfDay = new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
            // Today's end has not come yet: as of today is as of now.
            filter = filter with { AsOf = endOfDay < DateTimeOffset.UtcNow ? endOfDay : DateTimeOffset.UtcNow };
        }
        var error = q.Problem?.Body is ProblemBody p ? $"<p class=\"error\" role=\"alert\">{E(p.Field)}: {E(p.Detail)}</p>" : null;
        return new PageFilter(filter, values, asOfDate, error, await lookups.CountriesAsync(ctx.RequestAborted));
    }

    public static string Form(string action, PageFilter view, bool categoryRequired, bool asOf, bool incidentFields = false, bool claims = true)
    {
        var sb = new StringBuilder($"<form class=\"filters\" method=\"get\" action=\"{action}\">");
        // The countries the ledger holds; the one the page was opened with stays chosen however it was written (ye, Yemen).
        sb.Append(Html.Select("country", "Country", (view.Countries ?? []).Select(c => (c.Code, $"{c.Name} ({c.Code})")),
            view.Filter.Country ?? view.Raw("country")));
        sb.Append(Input("admin1", "Governorate", "text", view.Raw("admin1"), "name, p-code or Arabic"));
        sb.Append(Html.Select("category", "Category", Enum.GetValues<FigureCategory>().Where(c => c != FigureCategory.Attacks).Select(c => FigureIds.Kebab(c)),
            view.Raw("category") is { Length: > 0 } c ? c : categoryRequired ? "killed" : null, categoryRequired ? null : "any"));
        sb.Append(Html.Select("partyClass", "Party class", Enum.GetValues<PartyClass>().Select(p => FigureIds.Kebab(p)), view.Raw("partyClass")));
        sb.Append(Input("from", "From", "date", view.Raw("from")));
        sb.Append(Input("to", "To", "date", view.Raw("to")));
        if (incidentFields)
        {
            sb.Append(Input("q", "Words", "search", view.Raw("q"), "title or description"));
            sb.Append(Input("perpetrator", "Perpetrator", "text", view.Raw("perpetrator"), "e.g. isis"));
            sb.Append(Input("source", "Source", "text", view.Raw("source"), "e.g. sohr"));
        }
        if (asOf)
        {
            sb.Append("<fieldset class=\"asof\"><legend>As of</legend>");
            sb.Append(Input("asOfDate", "Date", "date", view.Raw("asOfDate")));
            sb.Append(Input("asOfPosition", "or feed position", "number", view.Raw("asOfPosition")));
            sb.Append(Input("release", "or release", "text", view.Raw("release"), "a release's name"));
            sb.Append("</fieldset>");
            if (claims) sb.Append(Html.Select("claims", "Claims", ["include", "exclude"], view.Raw("claims"), null));
        }
        return sb.Append("<button type=\"submit\">Show</button> <a class=\"reset\" href=\"" + action + "\">Reset</a></form>").ToString();
    }

    public static string AsOfBanner(long? position, DateOnly? date, string? release = null) => position is not { } p ? ""
        : $"<p class=\"asof-banner\" role=\"status\" id=\"asof-banner\">Showing the ledger as it stood at "
          + (release is { } r ? $"release <strong>{E(r)}</strong>, " : "") + $"position {N(p)}"
          + (date is { } d ? $", the end of {Html.Date(d)} UTC" : "") + ": later reports, revisions and corrections are not counted. <a href=\"?\">Back to now</a></p>";

    /// <summary>The message of a page asked for a point the ledger has not reached, naming the field that asked.</summary>
    public static string BeyondHead(PageFilter view, PositionBeyondHeadException beyond) =>
        $"<p class=\"error\" role=\"alert\">{(view.Raw("release") is { Length: > 0 } ? "release" : view.Raw("asOfPosition") is { Length: > 0 } ? "asOfPosition" : "asOfDate")}: {E(beyond.Message)}</p>";

    /// <summary>The point a link from the page keeps: its release by name, else the position it showed.</summary>
    public static (string, string?)[] PointOf(PageFilter view, long? shown) =>
        view.Raw("release") is { Length: > 0 } release ? [("release", release)]
        : shown is { } p ? [("asOfPosition", Position(p))] : [];

    public static string Position(long p) => p.ToString(CultureInfo.InvariantCulture);
}
