using Ledger.Incidents;

namespace Ledger;

internal static class Enums
{
    /// <summary>Reads back an enum stored in its kebab-case JSON name.</summary>
    public static T Parse<T>(string kebab) where T : struct, Enum =>
        Enum.GetValues<T>().First(v => FigureIds.Kebab(v) == kebab);
}
