using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Storage;

namespace Ledger.Projections;

/// <summary>One parameter of a projection's statement; a type only where Npgsql cannot infer it (jsonb, nulls).</summary>
public sealed record SqlArg(object? Value, NpgsqlDbType? Type = null);

/// <summary>
/// One statement of a projection's batch, in our SQL (positional <c>$n</c> parameters, from an embedded file),
/// queued on Marten's unit of work: Marten gives each operation its own command of the batch, so <c>$n</c> is
/// renumbered per statement as we write it.
/// </summary>
public sealed partial class ProjectionWrite(string sql, IReadOnlyList<SqlArg> args) : Weasel.Storage.IStorageOperation
{
    public string Sql { get; } = sql;
    public IReadOnlyList<SqlArg> Args { get; } = args;

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Placeholder();

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var at = 0;
        foreach (Match m in Placeholder().Matches(Sql))
        {
            builder.Append(Sql[at..m.Index]);
            var arg = Args[int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) - 1];
            var parameter = (NpgsqlParameter)builder.AppendParameter(arg.Value ?? DBNull.Value);
            if (arg.Type is { } type) parameter.NpgsqlDbType = type;
            at = m.Index + m.Length;
        }
        builder.Append(Sql[at..]);
    }

    public Type DocumentType => typeof(ProjectionWrite);

    public OperationRole Role() => OperationRole.Other;

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;
}
