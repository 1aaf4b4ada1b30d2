using System.Collections.Concurrent;
using System.Text.Json;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.IntegrationTests;

public sealed class GrainConcurrencyTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static ReviseFigure Revision(int task, int i) =>
        new("sohr:killed:syrian-army", new ExactValue(task * 1000 + i), $"revision {task}/{i}");

    /// <summary>Every acknowledged command is in the stream exactly once, and versions run 1..n.</summary>
    private async Task AssertEveryAcknowledgedRevisionStoredOnce(LedgerNode node, string incident, IReadOnlyCollection<string> acknowledged)
    {
        var events = await node.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(incident));
        events.Select(e => e.Version).Should().Equal(Enumerable.Range(1, events.Count).Select(v => (long)v));
        var reasons = events.Where(e => e.Type == nameof(FigureRevised))
            .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("reason").GetString()!).ToList();
        reasons.Should().OnlyHaveUniqueItems();
        reasons.Should().BeEquivalentTo(acknowledged);
        (await node.Store.VerifyAsync()).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task Sixteen_tasks_on_one_incident_lose_no_update()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var id = "bus-" + Guid.NewGuid().ToString("N")[..8];
        var meta = new CommandMetadata("reporter");
        (await node.Incident(id).Handle(LedgerNode.Report(id) with { Figures = [new ReportFigure(TestSources.Sohr, FigureCategory.Killed,
            "syrian-army", PartyClass.StateForces, new AtLeastValue(14), Certainty.Reported)] }, meta)).Status.Should().Be(CommandStatus.Accepted);

        var acknowledged = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var outcome = await node.Incident(id).Handle(Revision(t, i), meta);
                outcome.Status.Should().Be(CommandStatus.Accepted);
                acknowledged.Add($"revision {t}/{i}");
            }
        })));

        acknowledged.Should().HaveCount(320);
        await AssertEveryAcknowledgedRevisionStoredOnce(node, id, acknowledged);
        var state = await node.Incident(id).GetState();
        state.Version.Should().Be(2 + 320);
        state.State.Figures["sohr:killed:syrian-army"].Revision.Should().Be(321);
    }

    [Fact]
    public async Task Two_grain_hosts_sharing_the_database_reload_and_re_decide_instead_of_losing_updates()
    {
        await using var a = await LedgerNode.StartAsync(db);
        await using var b = await LedgerNode.StartAsync(db);
        var id = "bus-" + Guid.NewGuid().ToString("N")[..8];
        var meta = new CommandMetadata("reporter");
        await a.Incident(id).Handle(LedgerNode.Report(id) with { Figures = [new ReportFigure(TestSources.Sohr, FigureCategory.Killed,
            "syrian-army", PartyClass.StateForces, new AtLeastValue(14), Certainty.Reported)] }, meta);

        var acknowledged = new ConcurrentBag<string>();
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            var node = t % 2 == 0 ? a : b;
            for (var i = 0; i < 15; i++)
            {
                try
                {
                    var outcome = await node.Incident(id).Handle(Revision(t, i), meta);
                    outcome.Status.Should().Be(CommandStatus.Accepted);
                    acknowledged.Add($"revision {t}/{i}");
                }
                catch (ConcurrencyExhaustedException)
                {
                    Interlocked.Increment(ref refused); // told the caller; nothing stored
                }
            }
        })));

        (acknowledged.Count + refused).Should().Be(240);
        acknowledged.Count.Should().BeGreaterThan(200);
        await AssertEveryAcknowledgedRevisionStoredOnce(a, id, acknowledged);
        // Both hosts converge on the same state.
        (await a.Incident(id).GetState()).Version.Should().Be((await b.Incident(id).GetState()).Version);
    }

    [Fact]
    public async Task Two_grain_hosts_decide_on_what_they_read_so_a_figure_raced_for_is_reported_once()
    {
        // Each round, 16 writers on two hosts report the same new figure. The decider accepts it only while it is
        // absent, so a writer that decided on a stale state (the figure not yet there) would store it twice: the
        // store's expected-version check must send that writer back to re-read and re-decide.
        await using var a = await LedgerNode.StartAsync(db);
        await using var b = await LedgerNode.StartAsync(db);
        var id = "race-" + Guid.NewGuid().ToString("N")[..8];
        var meta = new CommandMetadata("reporter");
        (await a.Incident(id).Handle(LedgerNode.Report(id), meta)).Status.Should().Be(CommandStatus.Accepted);
        var afp = Ledger.Incidents.SourceRef.Of("afp", Ledger.Sources.SourceKind.NewsAgency);
        for (var round = 0; round < 6; round++)
        {
            var party = $"party-{round}";
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
            {
                try
                {
                    return (await (t % 2 == 0 ? a : b).Incident(id).Handle(new ReportFigure(afp, FigureCategory.Killed, party, PartyClass.Civilians,
                        new ExactValue(t + 1), Certainty.Reported), meta)).Status;
                }
                catch (ConcurrencyExhaustedException) { return CommandStatus.Refused; }
            })));
            outcomes.Count(o => o == CommandStatus.Accepted).Should().Be(1, $"round {round}: one writer reports the figure, every other finds it there");
        }
        var events = await a.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id));
        events.Count(e => e.Type == nameof(FigureReported)).Should().Be(6);
        events.Select(e => e.Version).Should().Equal(Enumerable.Range(1, events.Count).Select(v => (long)v));
        (await b.Incident(id).GetState()).State.Figures.Should().HaveCount(6);
    }

    [Fact]
    public async Task A_command_id_seen_before_appends_nothing_on_either_host()
    {
        await using var a = await LedgerNode.StartAsync(db);
        await using var b = await LedgerNode.StartAsync(db);
        var id = "bus-" + Guid.NewGuid().ToString("N")[..8];
        var report = LedgerNode.Report(id);

        var first = await a.Incident(id).Handle(report, new CommandMetadata("importer", CommandId: "line-1"));
        var again = await a.Incident(id).Handle(report, new CommandMetadata("importer", CommandId: "line-1"));
        var elsewhere = await b.Incident(id).Handle(report, new CommandMetadata("importer", CommandId: "line-1"));

        first.Status.Should().Be(CommandStatus.Accepted);
        again.Status.Should().Be(CommandStatus.Duplicate);
        elsewhere.Status.Should().Be(CommandStatus.Duplicate);
        (await a.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id))).Should().ContainSingle().Which.CausationId.Should().Be("line-1");
    }

    [Fact]
    public async Task If_match_on_a_stale_version_is_refused_and_a_domain_error_stores_nothing()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var id = "bus-" + Guid.NewGuid().ToString("N")[..8];
        await node.Incident(id).Handle(LedgerNode.Report(id), new CommandMetadata("reporter"));

        var stale = await node.Incident(id).Handle(new CorrectIncident("wrong type", Type: "raid"), new CommandMetadata("editor", ExpectedVersion: 0));
        stale.Error!.Kind.Should().Be(DomainErrorKind.PreconditionFailed);
        var missing = await node.Incident(id).Handle(new ReviseFigure("nope:killed:x", new ExactValue(1), "r"), new CommandMetadata("reporter"));
        missing.Error!.Code.Should().Be("figure-not-found");
        var current = await node.Incident(id).Handle(new CorrectIncident("wrong type", Type: "raid"), new CommandMetadata("editor", ExpectedVersion: 1));
        current.Status.Should().Be(CommandStatus.Accepted);
        current.Version.Should().Be(2);
        (await node.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id))).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_source_and_a_region_grain_keep_their_own_streams()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var sourceId = "sohr-" + Guid.NewGuid().ToString("N")[..6];
        var source = node.Grains.GetGrain<ISourceGrain>(sourceId);
        (await source.Handle(new RegisterSource(sourceId, "Syrian Observatory for Human Rights", SourceKind.Monitor), new CommandMetadata("admin")))
            .Status.Should().Be(CommandStatus.Accepted);
        (await source.Handle(new RegisterSource(sourceId, "again", SourceKind.Monitor), new CommandMetadata("admin")))
            .Error!.Code.Should().Be("source-exists");
        (await source.GetState()).State.EffectiveRank.Should().Be(1);

        var region = node.Grains.GetGrain<Regions.IRegionGrain>("badiya-" + sourceId);
        (await region.Handle(new Regions.DefineRegion("badiya-" + sourceId, "Badiya", "SY", Regions.RegionLevel.Area, "sy", [], ["sy04", "sy09"]),
            new CommandMetadata("admin"))).Status.Should().Be(CommandStatus.Accepted);
        (await region.GetState()).State.Definition!.Members.Should().Equal("sy04", "sy09");
    }
}
