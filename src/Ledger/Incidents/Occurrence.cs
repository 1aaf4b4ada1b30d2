namespace Ledger.Incidents;

public enum DatePrecision { Day, Week, Month, Year }

/// <summary>When an incident happened. A month-precise date says "some day that month": no day is invented.</summary>
public sealed record Occurrence(DateOnly Date, DatePrecision Precision = DatePrecision.Day, DateOnly? EndDate = null)
{
    public DomainError? Validate(string field, DateOnly today)
    {
        if (Date > today) return DomainError.Invalid(field + ".date", $"{field}.date {Date:yyyy-MM-dd} is in the future");
        if (Date.Year < 1900) return DomainError.Invalid(field + ".date", $"{field}.date {Date:yyyy-MM-dd} is before 1900");
        if (EndDate is { } end)
        {
            if (end < Date) return DomainError.Invalid(field + ".endDate", $"{field}.endDate is before {field}.date");
            if (end > today) return DomainError.Invalid(field + ".endDate", $"{field}.endDate {end:yyyy-MM-dd} is in the future");
        }
        return null;
    }
}

public enum LocationPrecision { Exact, Near, Admin2, Admin1, Country }

/// <summary>Where an incident happened. <see cref="Admin1"/> is a region id, already resolved from any alias.</summary>
public sealed record Location(
    string Country,
    string Admin1,
    string? Admin2 = null,
    string? Place = null,
    decimal? Lat = null,
    decimal? Lon = null,
    LocationPrecision Precision = LocationPrecision.Admin1)
{
    public DomainError? Validate(string field)
    {
        if (Country is not { Length: 2 } || !Country.All(char.IsAsciiLetterUpper))
            return DomainError.Invalid(field + ".country", $"{field}.country must be an ISO 3166 alpha-2 code in capitals, e.g. SY");
        return Slug.Check(Admin1, field + ".admin1")
            ?? FreeText.Check(Admin2, field + ".admin2", 200, required: false)
            ?? FreeText.Check(Place, field + ".place", 200, required: false)
            ?? (Lat is < -90 or > 90 ? DomainError.Invalid(field + ".lat", $"{field}.lat must be between -90 and 90") : null)
            ?? (Lon is < -180 or > 180 ? DomainError.Invalid(field + ".lon", $"{field}.lon must be between -180 and 180") : null)
            ?? ((Lat is null) != (Lon is null) ? DomainError.Invalid(field + ".lat", $"{field}.lat and {field}.lon come together") : null);
    }
}
