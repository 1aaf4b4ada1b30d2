using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Import;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Marten;

namespace Ledger.IntegrationTests;

/// <summary>The rows the ledger writes are Marten's own: Marten's session reads them back as typed events with
/// the ledger's metadata, which its projections and daemon rely on.</summary>
public sealed class MartenReadsTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Marten_reads_an_imported_incident_as_typed_events_with_version_position_and_metadata()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var import = new ImportSession(store, "newsroom", correlationId: "batch-7");
        var report = LedgerNode.Report("marten-read") with
        {
            Figures = [new ReportFigure(TestSources.Sohr, FigureCategory.Killed, "syrian-army", PartyClass.StateForces, new AtLeastValue(14), Certainty.Reported)],
        };
        (await import.IncidentAsync("line-1", report, "marten-read")).Status.Should().Be(ImportStatus.Applied);
        (await import.IncidentAsync("line-2", new ReviseFigure("sohr:killed:syrian-army", new ExactValue(15), "one more"), "marten-read")).Status.Should().Be(ImportStatus.Applied);
        await import.FlushAsync();
        var ours = await store.ReadStreamAsync(IncidentDecider.Kind.StreamFor("marten-read"));

        await using var marten = MartenEvents.CreateStore(db.DataSource);
        await using var session = marten.LightweightSession();
        var events = await session.Events.FetchStreamAsync(IncidentDecider.Kind.StreamFor("marten-read"));

        events.Select(e => e.Data.GetType()).Should().Equal(typeof(IncidentReported), typeof(FigureReported), typeof(FigureRevised));
        events.Select(e => e.Version).Should().Equal(1, 2, 3);
        events.Select(e => e.Sequence).Should().Equal(ours.Select(e => e.Position));
        events.Select(e => e.Id).Should().Equal(ours.Select(e => e.EventId));
        events.Should().OnlyContain(e => e.UserName == "newsroom" && e.CorrelationId == "batch-7");
        events.Select(e => e.CausationId).Should().Equal("line-1", "line-1", "line-2");
        events.Select(e => e.Headers![MartenEvents.HashHeader].ToString()).Should().Equal(ours.Select(e => Convert.ToHexStringLower(e.Hash)));
        ((FigureRevised)events[2].Data).Value.Should().Be(new ExactValue(15));
        (await session.Events.FetchStreamStateAsync(IncidentDecider.Kind.StreamFor("marten-read")))!.Version.Should().Be(3);
    }
}
