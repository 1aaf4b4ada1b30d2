using System.Diagnostics;
using System.Globalization;
using Ledger.EventStore;
using Ledger.Import;
using Ledger.Projections;
using Ledger.Server.Cli;
using Ledger.Server.Formats;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>A UCDP GED file through `ledger import-ucdp` (reading and checking the CSV, translating rows, importing)
/// against the same events as the ledger's own import lines through `ledger import`, in one run.</summary>
public static class ForeignImportBenchmark
{
    private const string Header = "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,"
        + "dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,"
        + "source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,"
        + "longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
        + "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob";

    private static readonly string[] Governorates = ["Aleppo governorate", "Idlib governorate", "Homs governorate", "Hama governorate", "Deir ez-Zor governorate"];

    /// <summary>A GED file of <paramref name="events"/> rows with ids from <paramref name="firstId"/>: clashes and one-sided events
    /// over five governorates and a year, with deaths per side.</summary>
    public static string File(int firstId, int events)
    {
        var rows = new List<string> { Header };
        for (var i = 0; i < events; i++)
        {
            var id = firstId + i;
            var oneSided = i % 3 == 0;
            var (a, b, civilians) = (i % 7, i % 5, i % 4);
            var day = new DateOnly(2017, 1, 1).AddDays(i % 360).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            rows.Add(string.Join(',', id, $"SYR-2017-1-{id}", "2017", "TRUE", "Clear", oneSided ? 3 : 1, "299", "299", "\"Syria: Government\"", "1", "1",
                "\"Government of Syria - IS\"", "1", "1", oneSided ? "\"IS\"" : "\"Government of Syria\"", "2", "2", oneSided ? "\"Civilians\"" : "\"IS\"", "2",
                "\"Reuters,2017-01-06,\"\"Clashes\"\"\"", "", "", "", "\"SOHR\"", 1, "\"town\"", "\"town\"", $"\"{Governorates[i % Governorates.Length]}\"", "\"\"",
                "36.2", "37.15", "\"POINT (37.15 36.2)\"", "1", "\"Syria\"", "652", "Middle East", "1", 1, day, day,
                oneSided ? 0 : a, oneSided ? 0 : b, civilians, 0, (oneSided ? 0 : a + b) + civilians, (oneSided ? 0 : a + b) + civilians + 2,
                (oneSided ? 0 : a + b) + civilians, "652", ""));
        }
        return string.Join('\n', rows) + "\n";
    }

    /// <summary>Events a second through each path, and how many events each wrote.</summary>
    public static async Task<(double Ged, double Own, long Events)> RunAsync(NpgsqlDataSource db, int events)
    {
        await using var store = new MartenEventStore(db);
        // The GED file through import-ucdp's path, timed whole.
        var clock = Stopwatch.StartNew();
        var (report, refusal) = await ForeignImport.RunAsync(ForeignImport.Ged("25.1"), new StringReader(File(1_000_000, events)), store, db, "bench");
        if (refusal is not null) throw new InvalidOperationException(refusal);
        var gedRate = report!.Appended / clock.Elapsed.TotalSeconds;
        clock.Stop();

        // The same kind of events as the ledger's own import lines (translated beforehand, not timed), through `ledger import`.
        var session = new ImportSession(store, "bench");
        var names = await ImportNames.LoadAsync(session, new RegionDirectory(db));
        var (gedEvents, _) = GedFile.Read(new StringReader(File(2_000_000, events)));
        var (lines, error) = await new GedImport("25.1", names.Names, session).LinesAsync(gedEvents, []);
        if (error is not null) throw new InvalidOperationException(error.ToString());
        var ndjson = string.Join('\n', lines.Select(l => l.Command.ToJsonString()));
        // Where the GED path's time goes, on a third set of ids: reading the CSV, then translating its rows.
        var parts = Stopwatch.StartNew();
        var (third, _) = GedFile.Read(new StringReader(File(3_000_000, events)));
        var read = parts.Elapsed;
        var probe = new ImportSession(store, "bench");
        await new GedImport("25.1", (await ImportNames.LoadAsync(probe, new RegionDirectory(db))).Names, probe).LinesAsync(third, []);
        Console.WriteLine($"        GED of {events:N0} rows: read {read.TotalSeconds:F2} s, translated {(parts.Elapsed - read).TotalSeconds:F2} s; whole import {clock.Elapsed.TotalSeconds:F2} s");
        // Timed as `ledger import` runs: loading the names it resolves with, then the lines, all or nothing.
        var ownClock = Stopwatch.StartNew();
        var own = new ImportSession(store, "bench");
        var ownNames = await ImportNames.LoadAsync(own, new RegionDirectory(db));
        var ownReport = await new Importer(own, ownNames).RunAsync(new StringReader(ndjson), allOrNothing: true);
        if (ownReport.Error is not null) throw new InvalidOperationException(ownReport.Error.ToString());
        return (gedRate, ownReport.Events / ownClock.Elapsed.TotalSeconds, report.Appended);
    }
}
