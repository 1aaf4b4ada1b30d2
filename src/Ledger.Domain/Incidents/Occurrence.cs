namespace Ledger.Incidents;

public enum DatePrecision { Day, Week, Month, Year }

/// <summary>When an incident happened: the days [<see cref="Start"/>, <see cref="End"/>]. A month-precise date says
/// "some day that month": no day is invented, and a filter or a group counts it only where the whole month lies.</summary>
public sealed record Occurrence(DateOnly Date, DatePrecision Precision = DatePrecision.Day, DateOnly? EndDate = null)
{
    /// <summary>The first day the incident may have happened on.</summary>
    public DateOnly Start => Precision switch
    {
        DatePrecision.Month => new DateOnly(Date.Year, Date.Month, 1),
        DatePrecision.Year => new DateOnly(Date.Year, 1, 1),
        _ => Date,
    };

    /// <summary>The last day it may have happened on: the date itself, the week's seventh day, the month's or the
    /// year's last day, unless <see cref="EndDate"/> says otherwise.</summary>
    public DateOnly End => EndDate ?? Precision switch
    {
        DatePrecision.Week => Date.AddDays(6),
        DatePrecision.Month => new DateOnly(Date.Year, Date.Month, 1).AddMonths(1).AddDays(-1),
        DatePrecision.Year => new DateOnly(Date.Year, 12, 31),
        _ => Date,
    };

    /// <summary>The date as precisely as it is known: "9 January 2024", "June 2020", "2023", "1–7 October 2019".</summary>
    public string Text
    {
        get
        {
            var (start, end) = (Start, End);
            if (start == end) return Day(start);
            if (start.Day == 1 && end == new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1)) return Month(start);
            if (start == new DateOnly(start.Year, 1, 1) && end == new DateOnly(start.Year, 12, 31)) return start.Year.ToString(Inv);
            if (start.Year == end.Year && start.Month == end.Month) return $"{start.Day}–{Day(end)}";
            if (start.Year == end.Year) return $"{start.Day} {start.ToString("MMMM", Inv)} – {Day(end)}";
            return $"{Day(start)} – {Day(end)}";
        }
    }

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;
    private static string Day(DateOnly d) => d.ToString("d MMMM yyyy", Inv);
    private static string Month(DateOnly d) => d.ToString("MMMM yyyy", Inv);

    public DomainError? Validate(string field, DateOnly today)
    {
        if (Date > today) return DomainError.Invalid(field + ".date", $"{field}.date {Date:yyyy-MM-dd} is in the future");
        if (Date.Year < 1900) return DomainError.Invalid(field + ".date", $"{field}.date {Date:yyyy-MM-dd} is before 1900");
        if (EndDate is { } end)
        {
            if (end < Start) return DomainError.Invalid(field + ".endDate", $"{field}.endDate is before {field}.date");
            if (end > today) return DomainError.Invalid(field + ".endDate", $"{field}.endDate {end:yyyy-MM-dd} is in the future");
        }
        return null;
    }
}

public enum LocationPrecision { Exact, Near, Admin2, Admin1, Country }

/// <summary>
/// Where an incident happened. <see cref="Admin1"/> is a governorate's region id, already resolved from any
/// alias; null when the source names no governorate ("the eastern desert", "northern Syria"), so that such an
/// incident counts in its country but in no governorate. <see cref="Admin1Given"/> is the governorate as the
/// source or the coder wrote it ("Deir Ezzor", "الرقة"), kept beside the id so an auditor sees what was said.
/// </summary>
public sealed record Location(
    string Country,
    string? Admin1,
    string? Admin2 = null,
    string? Place = null,
    decimal? Lat = null,
    decimal? Lon = null,
    LocationPrecision Precision = LocationPrecision.Admin1,
    string? Admin1Given = null)
{
    public DomainError? Validate(string field)
    {
        if (Country is not { Length: 2 } || !Country.All(char.IsAsciiLetterUpper))
            return DomainError.Invalid(field + ".country", $"{field}.country must be an ISO 3166 alpha-2 code in capitals, e.g. SY");
        if (Admin1 is null && Precision is LocationPrecision.Admin1 or LocationPrecision.Admin2)
            return DomainError.Invalid(field + ".precision",
                $"{field}.precision is {(Precision == LocationPrecision.Admin1 ? "admin1" : "admin2")} but no admin1 is given: use country, near or exact");
        return (Admin1 is null ? null : Slug.Check(Admin1, field + ".admin1"))
            ?? FreeText.Check(Admin1Given, field + ".admin1Given", 200, required: false)
            ?? FreeText.Check(Admin2, field + ".admin2", 200, required: false)
            ?? FreeText.Check(Place, field + ".place", 200, required: false)
            ?? (Lat is < -90 or > 90 ? DomainError.Invalid(field + ".lat", $"{field}.lat must be between -90 and 90") : null)
            ?? (Lon is < -180 or > 180 ? DomainError.Invalid(field + ".lon", $"{field}.lon must be between -180 and 180") : null)
            ?? ((Lat is null) != (Lon is null) ? DomainError.Invalid(field + ".lat", $"{field}.lat and {field}.lon come together") : null);
    }
}
