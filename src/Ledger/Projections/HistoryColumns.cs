using System.Text.Json;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.Projections;

/// <summary>How the history table's columns read back: values as their JSON, statuses by their kebab-case names.</summary>
internal static class HistoryColumns
{
    public static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static FigureValue? Value(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : JsonSerializer.Deserialize<FigureValue>(r.GetString(i), LedgerJson.Options);

    public static FigureStatus? Status(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Enums.Parse<FigureStatus>(r.GetString(i));
}
