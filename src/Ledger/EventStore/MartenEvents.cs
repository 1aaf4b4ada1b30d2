using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Core;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.EventStore;

/// <summary>
/// Marten's event store as the ledger configures it: its tables (<c>ledger.mt_events</c>, <c>ledger.mt_streams</c>,
/// <c>ledger.mt_events_sequence</c>) hold every event. Streams are named by string; recordedBy is Marten's user
/// name, the correlation id its correlation id, the command id its causation id and a header, and each event's
/// link in the per-stream SHA-256 chain is a header. Event types keep the ledger's stored names, so that Marten
/// reads our rows as its own and its projections and tools work on them.
/// </summary>
public static class MartenEvents
{
    public const string Schema = "ledger";
    public const string HashHeader = "hash";
    public const string CommandHeader = "commandId";

    /// <summary>Marten's tenant column for a store without tenants.</summary>
    public const string DefaultTenant = "*DEFAULT*";

    private static readonly Dictionary<string, string> DotnetTypes =
        EventTypes.Ledger.All.ToDictionary(t => t.Name, t => $"{t.Type.FullName}, {t.Type.Assembly.GetName().Name}", StringComparer.Ordinal);

    /// <summary>What Marten writes in <c>mt_dotnet_type</c> for one of our event types. A type the ledger does not know
    /// gets an empty name: Marten's daemon then reports it as an unknown event type and skips it (a NULL would stop
    /// the daemon's loader on a cast).</summary>
    public static string DotnetTypeOf(string type) => DotnetTypes.GetValueOrDefault(type) ?? "";

    /// <summary>An event's Marten headers: its link in the stream's hash chain (hex) and the command that decided it.</summary>
    public static string Headers(byte[] hash, string? commandId) =>
        commandId is null
            ? $"{{\"{HashHeader}\":\"{Convert.ToHexStringLower(hash)}\"}}"
            : $"{{\"{HashHeader}\":\"{Convert.ToHexStringLower(hash)}\",\"{CommandHeader}\":{System.Text.Json.JsonSerializer.Serialize(commandId)}}}";

    /// <summary>The ledger's own index on Marten's event table: position by recording time.</summary>
    public const string RecordingTimeIndex = "mt_events_timestamp_seq_idx";

    public static void Configure(StoreOptions opts, EventTypes types)
    {
        opts.DatabaseSchemaName = Schema;
        opts.Events.DatabaseSchemaName = Schema;
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.AppendMode = EventAppendMode.Quick;
        opts.Events.EnableUniqueIndexOnEventId = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        // Marten's enum setting replaces every enum converter with its own (PascalCase names); the ledger's stored
        // enums are kebab-case ("state-forces"), so ours goes back in first.
        opts.UseSystemTextJsonForSerialization(LedgerJson.Options, EnumStorage.AsString, Casing.CamelCase, json =>
        {
            for (var i = json.Converters.Count - 1; i >= 0; i--)
                if (json.Converters[i] is System.Text.Json.Serialization.JsonStringEnumConverter) json.Converters.RemoveAt(i);
            json.Converters.Insert(0, LedgerJson.EnumConverter());
        });
        foreach (var (name, clr) in types.All) opts.Events.MapEventType(clr, name);
        // Marten owns the indexes of its tables and drops any other at its next schema update, that is at every start
        // after the first: the recording-time index (reads as of a time, 001 and 016) would be gone after a restart.
        opts.Events.IgnoreIndex(RecordingTimeIndex);
        // The schema is created by the ledger at start (MigrateAsync), never by a request.
        opts.AutoCreateSchemaObjects = AutoCreate.None;
    }

    public static DocumentStore CreateStore(NpgsqlDataSource db, EventTypes? types = null) =>
        new(Options(db, types ?? EventTypes.Ledger));

    public static StoreOptions Options(NpgsqlDataSource db, EventTypes types)
    {
        var opts = new StoreOptions();
        opts.Connection(db);
        Configure(opts, types);
        return opts;
    }

    /// <summary>Creates or updates Marten's event tables as the role of <paramref name="db"/> (the owner).</summary>
    public static async Task CreateSchemaAsync(NpgsqlDataSource db, EventTypes? types = null, CancellationToken ct = default)
    {
        var opts = Options(db, types ?? EventTypes.Ledger);
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        await using var store = new DocumentStore(opts);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }
}
