using Ledger.EventStore;
using NpgsqlTypes;

namespace Ledger.Projections;

/// <summary>A projection's writes as array-parameter statements from embedded SQL: one statement per table, however
/// many rows the batch gives it.</summary>
internal static class Batch
{
    public static ProjectionWrite Command(string sqlFile, params SqlArg[] args) => new(SqlText.Get(sqlFile), args);

    public static SqlArg P<T>(IEnumerable<T> values) => new(values.ToArray());

    public static SqlArg V(object? value, NpgsqlDbType? type = null) => new(value, type);

    public static SqlArg Jsonb(IEnumerable<string?> values) => new(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb);
}
