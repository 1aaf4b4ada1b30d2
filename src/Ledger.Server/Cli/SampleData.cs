using Ledger.EventStore;
using Ledger.Import;
using Ledger.Projections;
using Npgsql;

namespace Ledger.Server.Cli;

/// <summary>The sample data set (every incident, figure and regional figure of the five seed articles),
/// shipped inside the executable.</summary>
public static class SampleData
{
    public static TextReader Open() =>
        new StreamReader(typeof(SampleData).Assembly.GetManifestResourceStream("sample.ndjson")
            ?? throw new InvalidOperationException("the sample data set is not embedded"));

    /// <summary>Imports the sample when the ledger holds no incident yet; returns the report, or null if it was not empty.</summary>
    public static async Task<ImportReport?> LoadIfEmptyAsync(NpgsqlDataSource db, MartenEventStore store, CancellationToken ct = default)
    {
        await using (var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM ledger.mt_streams WHERE id LIKE 'incident-%')"))
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return null;
        var session = new ImportSession(store, "sample");
        var importer = new Importer(session, await ImportNames.LoadAsync(session, new RegionDirectory(db)));
        using var input = Open();
        return await importer.RunAsync(input, allOrNothing: true, ct: ct);
    }
}
