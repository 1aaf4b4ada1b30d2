using System.Text.RegularExpressions;

namespace Ledger;

/// <summary>Ids of incidents, sources, parties and regions: <c>^[a-z0-9][a-z0-9._-]{1,127}$</c>.</summary>
public static partial class Slug
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? s) => s is not null && Pattern().IsMatch(s);

    /// <summary>An id as a person may type it ("SOHR ", "Sohr") folded to the id it names (sohr): every path that
    /// looks a source up by id folds it the same way.</summary>
    public static string Fold(string id) => id.Trim().ToLowerInvariant();

    public static DomainError? Check(string? s, string field) =>
        IsValid(s) ? null
        : DomainError.Invalid(field, $"{field} must be a slug of 2 to 128 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (got {Describe(s)})");

    private static string Describe(string? s) => s is null ? "nothing" : s.Length > 40 ? $"\"{s[..40]}...\"" : $"\"{s}\"";
}
