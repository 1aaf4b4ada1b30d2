namespace Ledger;

/// <summary>Checks on human text (titles, reasons, quotes): bounded, and free of control characters
/// that PostgreSQL's jsonb cannot hold (NUL) or that only hide content.</summary>
public static class FreeText
{
    public static DomainError? Check(string? value, string field, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? DomainError.Invalid(field, $"{field} is required") : null;
        if (value.Length > maxLength)
            return DomainError.Invalid(field, $"{field} is longer than {maxLength} characters ({value.Length})");
        foreach (var c in value)
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                return DomainError.Invalid(field, $"{field} contains a control character (U+{(int)c:X4})");
        return null;
    }

    public static DomainError? CheckUrl(string? value, string field)
    {
        if (value is null) return null;
        return FreeText.Check(value, field, 2000, required: true)
            ?? (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? null
                : DomainError.Invalid(field, $"{field} must be an absolute http or https URL"));
    }
}
