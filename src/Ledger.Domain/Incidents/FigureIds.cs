using System.Collections.Concurrent;
using System.Text.Json;
using Ledger.Reconciliation;

namespace Ledger.Incidents;

public static class FigureIds
{
    /// <summary>docs/CONTRACT.md §1: "{source}:{category}:{party}", e.g. "sohr:killed:syrian-army".</summary>
    public static string For(string source, FigureCategory category, string party) => $"{source}:{Kebab(category)}:{party}";

    /// <summary>An enum value as the contract spells it ("state-forces"). Projections ask for it several times
    /// per event: each value is converted once.</summary>
    public static string Kebab<TEnum>(TEnum value) where TEnum : struct, Enum => KebabNames<TEnum>.Of.GetOrAdd(value, Convert);

    private static string Convert<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static class KebabNames<TEnum> where TEnum : struct, Enum
    {
        public static readonly ConcurrentDictionary<TEnum, string> Of = new();
    }
}
