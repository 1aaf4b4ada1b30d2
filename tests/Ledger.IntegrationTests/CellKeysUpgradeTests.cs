using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.IntegrationTests;

/// <summary>A ledger projected before as-of tallies read the cell keys: the schema's next run fills them from the
/// cells already there, and every as-of tally reads as it did.</summary>
public sealed class CellKeysUpgradeTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{

    [Fact]
    public async Task An_earlier_ledger_gets_the_keys_of_its_cells_and_its_as_of_tallies_stay_the_same()
    {
        await using var n = new ProjectedNode(db);
        var points = new List<long>
        {
            await n.Do("keys-a", Report("keys-a", "sy01", new DateOnly(2023, 5, 1), 4)),
            await n.Do("keys-b", Report("keys-b", "sy02", new DateOnly(2023, 6, 9), 7)),
            await n.Do("keys-a", new ReviseFigure("sohr:killed:syrian-army", new ExactValue(9), "hospital count")),
            await n.Do("keys-b", new RetractIncident("duplicate")),
        };
        var dims = new[] { TallyDimension.Admin1, TallyDimension.Month };
        var before = new List<IReadOnlyList<TallyRow>>();
        foreach (var p in points) before.Add((await n.Tallies.TalliesAsync(new TallyFilter { AsOfPosition = p }, dims)).Rows);
        var keys = await db.ScalarAsync("SELECT count(*) FROM projections.tally_cell_keys");
        keys.Should().Be(await db.ScalarAsync("SELECT count(DISTINCT cell) FROM projections.tally_cells"), "every cell written has its key");

        // As a ledger of the version before: cells, and no keys.
        await db.ExecuteAsync("DROP TABLE projections.tally_cell_keys");
        await SchemaMigrator.MigrateAsync(db.DataSource);

        (await db.ScalarAsync("SELECT count(*) FROM projections.tally_cell_keys")).Should().Be(keys);
        for (var i = 0; i < points.Count; i++)
            (await n.Tallies.TalliesAsync(new TallyFilter { AsOfPosition = points[i] }, dims)).Rows.Should().Equal(before[i]);
        before[1].Should().Contain(r => r.Admin1 == "sy02" && r.Best == 7, "the tally before the retraction counts it");
        before[3].Should().NotContain(r => r.Admin1 == "sy02" && r.Incidents > 0, "and after it, not");
    }

    private static ReportIncident Report(string id, string admin1, DateOnly date, int killed) =>
        new(id, $"Attack {id}", new Occurrence(date), new Location("SY", admin1), "ambush", "isis",
            Figures: [new ReportFigure(Sohr, FigureCategory.Killed, "syrian-army", PartyClass.StateForces, new AtLeastValue(killed), Certainty.Reported)]);
}
