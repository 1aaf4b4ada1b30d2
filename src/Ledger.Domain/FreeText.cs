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
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                return DomainError.Invalid(field, $"{field} contains a control character (U+{(int)c:X4})");
            if (IsBidiControl(c))
                return DomainError.Invalid(field, $"{field} contains a bidirectional control character (U+{(int)c:X4}), which can make a number read "
                    + "backwards on screen (\"14\" shown as \"41\"); remove it: pages set each text's direction themselves");
        }
        return null;
    }

    /// <summary>The characters that reorder text on screen without showing: embeddings and overrides (U+202A-U+202E),
    /// isolates (U+2066-U+2069) and the marks (LRM U+200E, RLM U+200F, ALM U+061C). Stored text never holds them.</summary>
    public static bool IsBidiMark(char c) => c is '\u200E' or '\u200F' or '\u061C';

    /// <summary>Text as it reads, without the marks and controls that only steer its direction.</summary>
    public static string WithoutBidiControls(string text) => text.Any(IsBidiControl) ? string.Concat(text.Where(c => !IsBidiControl(c))) : text;

    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    public static DomainError? CheckUrl(string? value, string field)
    {
        if (value is null) return null;
        return FreeText.Check(value, field, 2000, required: true)
            ?? (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? null
                : DomainError.Invalid(field, $"{field} must be an absolute http or https URL"));
    }
}
