using System.Collections.Concurrent;
using System.Text.Json;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.IntegrationTests;

/// <summary>Two silos on one PostgreSQL form one Orleans cluster (Ledger:Cluster=postgres): one incident has one
/// activation wherever it is called from, and writes through both silos neither race nor repeat.</summary>
public sealed class ClusterTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly CommandMetadata By = new("reporter");

    private static async Task<(LedgerNode A, LedgerNode B)> TwoSilos(PostgresDatabase db)
    {
        var a = await LedgerNode.StartAsync(db, clustered: true);
        var b = await LedgerNode.StartAsync(db, clustered: true);
        // B joined A's cluster: each silo sees two active silos.
        var silos = await a.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        silos.Should().HaveCount(2);
        return (a, b);
    }

    private static async Task<IReadOnlyList<DetailedGrainStatistic>> ActivationsOf(LedgerNode node, string incidentId) =>
        (await node.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(s => s.GrainId.ToString() == $"incident/{incidentId}").ToList();

    [Fact]
    public async Task Calls_through_both_silos_reach_one_activation_and_sixteen_writers_leave_every_acknowledged_write_once()
    {
        var (a, b) = await TwoSilos(db);
        await using var _a = a;
        await using var _b = b;
        var id = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        (await a.Incident(id).Handle(LedgerNode.Report(id) with
        {
            Figures = [new ReportFigure(TestSources.Sohr, FigureCategory.Killed, "syrian-army", PartyClass.StateForces, new AtLeastValue(14), Certainty.Reported)],
        }, By)).Status.Should().Be(CommandStatus.Accepted);
        (await b.Incident(id).GetState()).Version.Should().Be(2);

        var acknowledged = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            var node = t % 2 == 0 ? a : b;
            for (var i = 0; i < 20; i++)
            {
                var outcome = await node.Incident(id).Handle(new ReviseFigure("sohr:killed:syrian-army", new ExactValue(t * 1000 + i), $"writer {t}/{i}"), By);
                outcome.Status.Should().Be(CommandStatus.Accepted);
                acknowledged.Add($"writer {t}/{i}");
            }
        })));

        (await ActivationsOf(a, id)).Should().ContainSingle("one incident is one activation in the whole cluster");
        var events = await a.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id));
        events.Select(e => e.Version).Should().Equal(Enumerable.Range(1, 322).Select(v => (long)v));
        var reasons = events.Where(e => e.Type == nameof(FigureRevised))
            .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("reason").GetString()!).ToList();
        reasons.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(acknowledged);
        (await a.Incident(id).GetState()).Version.Should().Be(322);
        (await b.Incident(id).GetState()).State.Figures["sohr:killed:syrian-army"].Revision.Should().Be(321);
        (await a.Store.VerifyAsync()).Ok.Should().BeTrue();
    }
}
