using System.Text.Json;
using Ledger.Reconciliation;

namespace Ledger.Incidents;

public static class FigureIds
{
    /// <summary>CONTRACT §1: "{source}:{category}:{party}", e.g. "sohr:killed:syrian-army".</summary>
    public static string For(string source, FigureCategory category, string party) => $"{source}:{Kebab(category)}:{party}";

    public static string Kebab<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
