using System.Globalization;
using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Ledger.Sources;
using Marten;
using Npgsql;

namespace Ledger.IntegrationTests.EventStore;

/// <summary>
/// The ledger writes Marten's event tables itself (AppendTransaction): Marten's append fails a whole batch for one
/// stale stream and has no "already stored, here" for a repeated event id. So the same events are written through
/// Marten's own append (into a schema of their own) and through ours, on the INSERT path and the COPY path, and every
/// column of <c>mt_events</c> and <c>mt_streams</c> is compared. The differences the ledger makes on purpose are
/// listed in <see cref="Deliberate"/>, each with its reason; any other fails. Both sets are read back through Marten's
/// FetchStreamAsync, and the table definitions are held against a checked-in snapshot.
/// </summary>
[Trait("Category", "MartenFence")]
public sealed partial class MartenRowShapeTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    /// <summary>Marten 9.58 gives mt_events.timestamp the time the table was made as its default.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"'\d{4}-\d\d-\d\d [^']*'::timestamp with time zone")]
    private static partial System.Text.RegularExpressions.Regex CreationTime();

    private const string Theirs = "marten_parity";

    /// <summary>Columns whose values come from elsewhere than Marten's append, on purpose, and why (README: "Marten's
    /// tables, our rows"). For events of a type the ledger does not know, mt_dotnet_type is empty where Marten writes
    /// the CLR type (Marten's daemon then skips the event as unknown); every event here is of a known type.</summary>
    public static readonly IReadOnlyDictionary<string, string> Deliberate = new Dictionary<string, string>
    {
        ["mt_events.seq_id"] = "positions come from the ledger's allocation (allocate_positions), taken only for accepted events, never from Marten's nextval",
        ["mt_events.timestamp"] = "the clock read under the allocation lock, so that recording times never run backwards along positions (Marten Quick writes the transaction's start)",
        ["mt_streams.timestamp"] = "the same recording time as the stream's last event",
        ["mt_streams.created"] = "the recording time of the batch that created the stream",
    };

    private static IReadOnlyList<object> Story(string id, int revisions)
    {
        var events = new List<object>
        {
            new IncidentReported(id, "Ambush near Palmyra", new Occurrence(new DateOnly(2024, 1, 9)), new Location("SY", "sy04", Place: "Palmyra"), "ambush", "isis", "a bus"),
            new FigureReported("sohr:killed:syrian-army", "sohr", SourceKind.Monitor, 1, FigureCategory.Killed, "syrian-army", PartyClass.StateForces,
                new AtLeastValue(14), Certainty.Reported, new DateTimeOffset(2024, 1, 10, 8, 0, 0, TimeSpan.Zero), "https://example.org/a", "at least 14", null),
        };
        for (var r = 0; r < revisions; r++)
            events.Add(new FigureRevised("sohr:killed:syrian-army", new RangeValue(14 + r, 20 + r), null, $"recount {r}", null));
        return events;
    }

    [Theory]
    [InlineData("insert", 3)]   // small batches go by INSERT
    [InlineData("copy", 250)]   // 200 events or more go by binary COPY
    public async Task Our_rows_are_Martens_rows_but_for_the_listed_differences(string path, int revisions)
    {
        var stream = IncidentDecider.Kind.StreamFor($"parity-{path}");
        var story = Story($"parity-{path}", revisions);
        var ids = story.Select(_ => Guid.NewGuid()).ToList();
        const string by = "parity-tester", correlation = "corr-parity", command = "command-parity";

        // Ours: the ledger's append, one batch.
        await using var store = new MartenEventStore(db.DataSource);
        var written = await store.AppendAsync(new StreamAppend(stream, 0, story.Select((e, i) =>
            new EventData(ids[i], EventTypes.Ledger.NameOf(e), EventTypes.Ledger.Serialize(e), new EventMetadata(by, correlation, command))).ToList()));
        var hashes = (await store.ReadStreamAsync(stream)).Select(e => Convert.ToHexStringLower(e.Hash)).ToList();

        // Marten's: its own append, the same ids, metadata and headers.
        await using (var theirs = await MartenStoreAsync())
        await using (var session = theirs.LightweightSession())
        {
            session.CorrelationId = correlation;
            session.CausationId = command;
            session.LastModifiedBy = by;
            var action = session.Events.Append(stream, story.ToArray());
            for (var i = 0; i < story.Count; i++)
            {
                action.Events[i].Id = ids[i];
                action.Events[i].SetHeader(MartenEvents.HashHeader, hashes[i]);
                action.Events[i].SetHeader(MartenEvents.CommandHeader, command);
            }
            await session.SaveChangesAsync();
        }

        var differences = new List<string>();
        foreach (var (table, key) in new[] { ("mt_events", "id"), ("mt_streams", "id") })
        {
            var ours = await RowsAsync("ledger", table, key, stream);
            var martens = await RowsAsync(Theirs, table, key, stream);
            ours.Keys.Should().BeEquivalentTo(martens.Keys, $"{table}: the same rows");
            martens.First().Value.Keys.Should().BeEquivalentTo(ours.First().Value.Keys, $"{table}: the same columns");
            foreach (var (rowKey, row) in ours)
                foreach (var (column, value) in row)
                    if (!Deliberate.ContainsKey($"{table}.{column}") && value != martens[rowKey].GetValueOrDefault(column))
                        differences.Add($"{table}.{column} of {rowKey}: ours {value}, Marten's {martens[rowKey][column]}");
        }
        differences.Should().BeEmpty("every column but the listed ones holds what Marten's own append writes");

        // The listed columns hold other values by construction; what they mean is the same on both sides: one append's
        // positions run on without a gap in version order, and its events, its stream's last write and (for a new
        // stream) its creation share one recording time.
        foreach (var schema in new[] { "ledger", Theirs })
        {
            var events = (await RowsAsync(schema, "mt_events", "id", stream)).Values.OrderBy(r => long.Parse(r["version"]!, CultureInfo.InvariantCulture)).ToList();
            var positions = events.Select(r => long.Parse(r["seq_id"]!, CultureInfo.InvariantCulture)).ToList();
            positions.Should().Equal(Enumerable.Range(0, story.Count).Select(k => positions[0] + k), schema);
            var head = (await RowsAsync(schema, "mt_streams", "id", stream)).Values.Single();
            events.Select(r => r["timestamp"]).Distinct().Should().Equal([head["timestamp"]], schema);
            head["created"].Should().Be(head["timestamp"], schema);
        }
        written.LastPosition.Should().Be(written.FirstPosition + story.Count - 1);
    }

    [Fact]
    public async Task Martens_fetch_reads_our_events_as_it_reads_its_own()
    {
        var id = "parity-fetch";
        var stream = IncidentDecider.Kind.StreamFor(id);
        var story = Story(id, 2);
        await using var store = new MartenEventStore(db.DataSource);
        await store.AppendAsync(new StreamAppend(stream, 0, story.Select(e =>
            new EventData(Guid.NewGuid(), EventTypes.Ledger.NameOf(e), EventTypes.Ledger.Serialize(e), new EventMetadata("fetcher", "corr", "cmd"))).ToList()));
        await using var marten = MartenEvents.CreateStore(db.DataSource);
        await using var session = marten.QuerySession();
        var fetched = await session.Events.FetchStreamAsync(stream);
        fetched.Select(e => e.Data).Should().BeEquivalentTo(story, o => o.WithStrictOrdering().RespectingRuntimeTypes());
        fetched.Select(e => e.Version).Should().Equal(Enumerable.Range(1, story.Count).Select(v => (long)v));
        fetched.Should().AllSatisfy(e => (e.UserName, e.CorrelationId, e.CausationId).Should().Be(("fetcher", "corr", "cmd")));
    }

    [Fact]
    public async Task Martens_tables_are_shaped_as_the_snapshot_says()
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT table_name || '.' || column_name || ' ' || data_type || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
                   || coalesce(' default ' || column_default, '')
            FROM information_schema.columns
            WHERE table_schema = 'ledger' AND table_name IN ('mt_events', 'mt_streams')
            ORDER BY table_name, column_name
            """);
        var columns = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) columns.Add(CreationTime().Replace(r.GetString(0), "<when the table was made>"));
        var snapshot = Path.Combine(Testing.Checkout.Root, "tests", "Ledger.IntegrationTests", "EventStore", "marten-tables.snapshot");
        File.ReadAllLines(snapshot).Where(l => l.Length > 0 && !l.StartsWith('#')).Should().Equal(columns,
            "AppendTransaction writes these columns as Marten 9.58 defines them: a change of Marten's tables must be looked at (and the snapshot updated) before the ledger writes them again");
    }

    private async Task<DocumentStore> MartenStoreAsync()
    {
        var opts = MartenEvents.Options(db.DataSource, EventTypes.Ledger);
        opts.DatabaseSchemaName = Theirs;
        opts.Events.DatabaseSchemaName = Theirs;
        opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate;
        var store = new DocumentStore(opts);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    /// <summary>Each row of <paramref name="table"/> for the stream, by its key, every column as text.</summary>
    private async Task<Dictionary<string, Dictionary<string, string?>>> RowsAsync(string schema, string table, string key, string stream)
    {
        var byStream = table == "mt_events" ? "stream_id" : "id";
        await using var cmd = db.DataSource.CreateCommand($"SELECT * FROM {schema}.{table} WHERE {byStream} = @stream");
        cmd.Parameters.AddWithValue("stream", stream);
        var rows = new Dictionary<string, Dictionary<string, string?>>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var row = new Dictionary<string, string?>();
            for (var i = 0; i < r.FieldCount; i++)
                row[r.GetName(i)] = r.IsDBNull(i) ? null : Normal(r.GetDataTypeName(i), r.GetValue(i));
            rows[table == "mt_events" ? row["version"]! : row[key]!] = row;
        }
        return rows;
    }

    /// <summary>Values as text at full precision (a time to the microsecond); JSON as PostgreSQL's jsonb prints it.</summary>
    private static string? Normal(string type, object value) => value switch
    {
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => type == "jsonb" ? System.Text.Json.Nodes.JsonNode.Parse((string)value)!.ToJsonString() : Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
