using System.Text.RegularExpressions;
using JasperFx.Events;
using Ledger.EventStore;
using Ledger.Projections;

namespace Ledger.IntegrationTests.EventStore;

/// <summary>The settings of Marten's on which "no event is ever skipped" rests, pinned: the daemon waits at a hole while
/// a transaction that could fill it is alive, and nothing in the ledger moves its high-water mark or writes events
/// around our append. Each is one line away in Marten's API, so a change of one fails here first. Marten's version is
/// pinned exactly too: an upgrade fails <see cref="Marten_is_the_version_these_fences_were_checked_on"/> until the
/// fence tests (Category=MartenFence) have been run on it.</summary>
[Trait("Category", "MartenFence")]
public sealed class MartenSettingsTests
{
    private static ReadModelDaemon Daemon() =>
        new(new MartenEventStore(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused")), LedgerProjections.All());

    [Fact]
    public async Task The_daemon_never_skips_a_hole_a_live_transaction_could_fill()
    {
        await using var daemon = Daemon();
        var projections = daemon.Store.Options.Projections;
        projections.UseTransactionEvidenceForGapSkipping.Should().BeTrue("a hole is skipped only when no transaction that could fill it is alive");
        projections.SkipStaleGapsDespiteLiveTransactionsAfter.Should().BeNull("a slow append must be waited for, never skipped");
        projections.StaleSequenceThreshold.Should().Be(TimeSpan.FromSeconds(3), "the threshold the feed's and the daemon's waits were measured with");
    }

    [Fact]
    public async Task Events_are_stored_as_the_ledger_writes_and_reads_them()
    {
        await using var daemon = Daemon();
        var events = daemon.Store.Options.Events;
        events.AppendMode.Should().Be(EventAppendMode.Quick);
        events.StreamIdentity.Should().Be(StreamIdentity.AsString);
        events.EnableUniqueIndexOnEventId.Should().BeTrue("a repeated event id is refused by the table too");
        events.MetadataConfig.HeadersEnabled.Should().BeTrue("the hash chain and the command id travel in the headers");
        events.DatabaseSchemaName.Should().Be(MartenEvents.Schema);
    }

    /// <summary>Calls that would write events around our append, or move the daemon past events not yet seen.</summary>
    [Theory]
    [InlineData("SkipStaleGapsDespiteLiveTransactionsAfter")]
    [InlineData("UseTransactionEvidenceForGapSkipping")]
    [InlineData("StaleSequenceThreshold")]
    [InlineData("AdvanceHighWaterMark")]
    [InlineData("BulkInsertEventsAsync")]
    [InlineData("mt_quick_append_events")]
    [InlineData("Events.Append(")]
    [InlineData("Events.StartStream")]
    public void No_code_of_the_ledger_calls_what_could_skip_or_slip_an_event(string call)
    {
        var src = Path.Combine(Testing.Checkout.Root, "src");
        var found = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(l => l.Contains(call, StringComparison.Ordinal) && !Regex.IsMatch(l, @"^\s*(//|--|///)")))
            .Select(f => Path.GetRelativePath(src, f));
        found.Should().BeEmpty($"{call} would let an event be skipped or written beside the ledger's append");
    }

    [Fact]
    public void Marten_is_the_version_these_fences_were_checked_on()
    {
        typeof(Marten.DocumentStore).Assembly.GetName().Version!.ToString(3).Should().Be("9.58.0",
            "Marten's tables and daemon are fenced by tests checked on 9.58.0: run `ops/test --filter Category=MartenFence` on the new version, then pin it here and in Directory.Packages.props");
        File.ReadAllText(Path.Combine(Testing.Checkout.Root, "Directory.Packages.props")).Should().Contain("""Include="Marten" Version="[9.58.0]" """.TrimEnd(),
            "Marten is pinned exactly, so that no restore moves it");
    }
}
