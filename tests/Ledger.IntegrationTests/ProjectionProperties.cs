using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Ledger.Sources;

namespace Ledger.IntegrationTests;

/// <summary>
/// For random logs of incident and figure commands, decided by the incident decider and written through the
/// import's path or through the grains (both on the one write core), then projected by Marten's daemon: the
/// incident rows equal the test's own fold of each stream (<see cref="Ledger.Testing.IncidentOracle"/>, not the
/// production <c>IncidentState</c>), and the tally as of every position equals the test's own oracle (that fold,
/// its own reconciliation and date intervals) over the log up to it.
/// </summary>
public sealed class ProjectionProperties(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static int _cases;
    private static readonly SourceRef[] Sources =
        [TestSources.Sohr, TestSources.Amaq, TestSources.Afp with { Rank = 1 }];
    private static readonly TallyDimension[] AllKeys = [TallyDimension.Admin1, TallyDimension.Category, TallyDimension.PartyClass];

    private static readonly Gen<FigureValue> Values = Gen.OneOf(
        Gen.Choose(0, 50).Select(n => (FigureValue)new ExactValue(n)),
        Gen.Choose(0, 50).Select(n => (FigureValue)new AtLeastValue(n)),
        Gen.Choose(0, 50).Select(n => (FigureValue)new AtMostValue(n)),
        Gen.Choose(0, 50).SelectMany(a => Gen.Choose(a, 90).Select(b => (FigureValue)new RangeValue(a, b))),
        Gen.Constant((FigureValue)new UnquantifiedValue("numerous")));

    private static readonly Gen<(int Incident, Func<string, IncidentCommand> Make)> Steps =
        from incident in Gen.Choose(0, 2)
        from kind in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)),
            (1, Gen.Constant(4)), (1, Gen.Constant(5)), (1, Gen.Constant(6)))
        from source in Gen.Elements(Sources)
        from party in Gen.Elements(("syrian-army", PartyClass.StateForces), ("ndf", PartyClass.StateForces), ("civilians", PartyClass.Civilians))
        from category in Gen.Elements(FigureCategory.Killed, FigureCategory.Injured)
        from value in Values
        from dispute in Gen.Choose(1, 3)
        from outcome in Gen.Elements(DisputeOutcome.Upheld, DisputeOutcome.Dismissed)
        from place in Gen.Elements("a", "b")
        from day in Gen.Choose(1, 28)
        from month in Gen.Choose(4, 6)
        from precision in Gen.Elements(DatePrecision.Day, DatePrecision.Day, DatePrecision.Week, DatePrecision.Month)
        let figure = $"{source.Id}:{FigureIds.Kebab(category)}:{party.Item1}"
        select (incident, (Func<string, IncidentCommand>)(prefix => kind switch
        {
            0 => new ReportFigure(source, category, party.Item1, party.Item2, value, Certainty.Reported),
            1 => new ReviseFigure(figure, value, "revised"),
            2 => new DisputeFigure(figure, "analyst-1", "doubtful"),
            3 => new ResolveDispute($"d{dispute}", outcome, "resolved"),
            4 => new RetractFigure(figure, "withdrawn"),
            5 => new CorrectIncident("moved", new Occurrence(new DateOnly(2023, month, day), precision), new Location("SY", $"{prefix}-{place}")),
            _ => new RetractIncident("not an incident"),
        }));

    /// <summary>The generator of command logs over three incidents, for FsCheck.</summary>
    public static Arbitrary<(int Incident, Func<string, IncidentCommand> Make)[]> Logs() => Gen.ArrayOf(Steps).ToArbitrary();

    [Property(Arbitrary = [typeof(ProjectionProperties)], MaxTest = 25)]
    public void Tables_and_as_of_tallies_equal_the_fold_of_the_log((int Incident, Func<string, IncidentCommand> Make)[] steps) =>
        RunCaseAsync(steps).GetAwaiter().GetResult();

    /// <summary>The same property with every command sent to the incident grains of a silo, as the API sends them
    /// (one silo for all cases: starting one per case would cost a second each).</summary>
    [Fact]
    public async Task Through_the_grains_tables_and_as_of_tallies_equal_the_fold_of_the_log()
    {
        await using var node = await LedgerNode.StartAsync(db);
        var sent = 0;
        Prop.ForAll(Logs(), steps => RunCaseAsync(steps, async (id, command) =>
            {
                await node.Incident(id).Handle(command, new CommandMetadata("p", CommandId: Guid.NewGuid().ToString("N")));
                sent++;
            }).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(10));
        sent.Should().BeGreaterThan(30, "the cases sent their commands through the grains");
    }

    [Fact]
    public async Task A_rebuild_from_zero_gives_the_same_tables_as_the_live_run()
    {
        foreach (var steps in Gen.ListOf(Steps).Sample(40, 5)) await RunCaseAsync(steps);
        await using var n = new ProjectedNode(db);
        await n.Runner.CatchUpAsync();
        var live = await DumpAsync();
        var reports = new List<RebuildProgress>();
        await n.Runner.RebuildAsync(n.Incidents, new SyncProgress(reports));
        var rebuilt = await DumpAsync();
        // Name the rows that differ (the whole dump is thousands of lines).
        rebuilt.Except(live).Should().BeEmpty("rows the rebuild has and the live run has not");
        live.Except(rebuilt).Should().BeEmpty("rows the live run has and the rebuild has not");
        rebuilt.Should().Equal(live);
        reports.Should().NotBeEmpty();
        reports[^1].Position.Should().Be(reports[^1].Head);
    }

    /// <param name="send">How a command reaches the ledger; the import's path when null. A refusal appends nothing.</param>
    private async Task RunCaseAsync(IReadOnlyList<(int Incident, Func<string, IncidentCommand> Make)> steps,
        Func<string, IncidentCommand, Task>? send = null)
    {
        var prefix = $"p{Interlocked.Increment(ref _cases)}";
        await using var n = new ProjectedNode(db);
        send ??= n.Try;
        var ids = Enumerable.Range(0, 3).Select(i => $"{prefix}-i{i}").ToArray();
        for (var i = 0; i < ids.Length; i++)
            await send(ids[i], new ReportIncident(ids[i], "t", new Occurrence(new DateOnly(2023, 5, 1 + i)),
                new Location("SY", $"{prefix}-{(i == 0 ? "a" : "b")}"), "ambush"));
        foreach (var (incident, make) in steps)
            await send(ids[incident], make(prefix));
        await n.Runner.CatchUpAsync();

        var log = new List<RecordedEvent>();
        foreach (var id in ids) log.AddRange(await n.Store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id)));
        log.Sort((x, y) => x.Position.CompareTo(y.Position));
        var filter = new TallyFilter { Admin1 = [$"{prefix}-a", $"{prefix}-b"] };

        // The current incident rows are the fold of each stream, by the test's own fold.
        foreach (var id in ids)
        {
            var expected = Oracle(log.Where(e => e.StreamId == IncidentDecider.Kind.StreamFor(id)));
            await using var cmd = n.Store.DataSource.CreateCommand("SELECT state, version FROM projections.incidents WHERE incident_id = $1");
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            (await r.ReadAsync()).Should().BeTrue();
            var stored = JsonSerializer.Deserialize<IncidentState>(r.GetString(0), LedgerJson.Options)!;
            Ledger.Testing.IncidentOracle.Read(stored).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), id);
            r.GetInt64(1).Should().Be(log.Count(e => e.StreamId == IncidentDecider.Kind.StreamFor(id)));
        }

        // As of every position of the case, and now, the tally equals the fold of the log up to there: split by
        // class and not (an incident in two classes counts once), by month and year, over ranges of whole months,
        // of days only, and of both.
        foreach (var p in log.Select(e => e.Position).Prepend(log[0].Position - 1).Append(long.MaxValue))
        {
            foreach (var (dims, from, to) in Shapes)
            {
                var asOf = filter with { AsOfPosition = p == long.MaxValue ? null : p, From = from, To = to };
                var upTo = log.Where(e => e.Position <= p).ToList();
                var shape = $"as of position {p}, by {string.Join('+', dims)}, {from}..{to}";
                (await n.Tallies.TalliesAsync(asOf, dims)).Rows.Should().Equal(Tally(upTo, dims, from, to), shape);
                (await n.Tallies.TalliesAsync(asOf with { ExcludeClaims = true }, dims)).Rows
                    .Should().Equal(Tally(upTo, dims, from, to, excludeClaims: true), $"claims excluded, {shape}");
            }
        }
    }

    private static readonly (TallyDimension[] Dims, DateOnly? From, DateOnly? To)[] Shapes =
    [
        (AllKeys, null, null),
        ([TallyDimension.Admin1], null, null),
        ([TallyDimension.Month], new DateOnly(2023, 5, 10), new DateOnly(2023, 6, 30)),
        ([TallyDimension.Year, TallyDimension.PartyClass], new DateOnly(2023, 4, 15), new DateOnly(2023, 5, 20)),
        ([TallyDimension.Admin1, TallyDimension.Month], new DateOnly(2023, 4, 1), new DateOnly(2023, 5, 31)),
        ([], null, new DateOnly(2023, 5, 2)),
        // Edges inside months that week- and month-dated incidents straddle.
        ([TallyDimension.Admin1, TallyDimension.PartyClass], new DateOnly(2023, 4, 28), new DateOnly(2023, 6, 3)),
    ];

    /// <summary>The days an occurrence stands for, by docs/CONTRACT.md §1.</summary>
    private static (DateOnly First, DateOnly Last) Days(Occurrence o) => o.Precision switch
    {
        DatePrecision.Week => (o.Date, o.EndDate ?? o.Date.AddDays(6)),
        DatePrecision.Month => (new DateOnly(o.Date.Year, o.Date.Month, 1), o.EndDate ?? new DateOnly(o.Date.Year, o.Date.Month, DateTime.DaysInMonth(o.Date.Year, o.Date.Month))),
        DatePrecision.Year => (new DateOnly(o.Date.Year, 1, 1), o.EndDate ?? new DateOnly(o.Date.Year, 12, 31)),
        _ => (o.Date, o.EndDate ?? o.Date),
    };

    private static Ledger.Testing.IncidentOracle.Incident? Oracle(IEnumerable<RecordedEvent> events) =>
        Ledger.Testing.IncidentOracle.Of(events.Select(e => ((IIncidentEvent)EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context)));

    /// <summary>The test's oracle: tally rows computed in memory from folded incidents, each incident's rows by the
    /// independent <see cref="Ledger.Testing.ReconciliationOracle"/> (not the production reconciler), grouped by
    /// <paramref name="dims"/> and always by category; an incident counts once per group. Dates are intervals, worked
    /// out here from the precision (not by <see cref="Occurrence"/>): an incident is in the numbers when its whole
    /// interval lies in [from, to], straddling when it only overlaps it, and has no month (year) when its interval
    /// crosses one's end.</summary>
    private static List<TallyRow> Tally(IEnumerable<RecordedEvent> log, TallyDimension[] dims, DateOnly? from, DateOnly? to, bool excludeClaims = false)
    {
        var keys = dims.Contains(TallyDimension.Category) ? dims : [.. dims, TallyDimension.Category];
        var lo = from ?? DateOnly.MinValue;
        var hi = to ?? DateOnly.MaxValue;
        var rows = log.GroupBy(e => e.StreamId).Select(Oracle).OfType<Ledger.Testing.IncidentOracle.Incident>().Where(incident => !incident.Retracted)
            .Select(incident => (Incident: incident, Days: Days(incident.Occurred)))
            .Where(x => x.Days.First <= hi && x.Days.Last >= lo)
            .SelectMany(x => Ledger.Testing.ReconciliationOracle.Expected(x.Incident.Figures.Select(Ledger.Testing.IncidentOracle.Reconcilable).ToList())
                .Select(row => (Id: (string?)x.Incident.Id, x.Incident.Admin1, x.Days, Inside: x.Days.First >= lo && x.Days.Last <= hi, Row: row)))
            .Where(c => !(excludeClaims && c.Row.Contested));
        static string? Month((DateOnly First, DateOnly Last) d) => d.First.Year == d.Last.Year && d.First.Month == d.Last.Month ? $"{d.First:yyyy-MM}" : null;
        static int? Year((DateOnly First, DateOnly Last) d) => d.First.Year == d.Last.Year ? d.First.Year : null;
        // PostgreSQL sorts a null month or year after every other: "~" does so in ordinal order.
        string Key(TallyDimension d, (string? Id, string? Admin1, (DateOnly First, DateOnly Last) Days, bool Inside, Ledger.Testing.ReconciliationOracle.Row Row) c) => d switch
        {
            TallyDimension.Admin1 => c.Admin1 ?? "",
            TallyDimension.Month => Month(c.Days) ?? "~",
            TallyDimension.Year => Year(c.Days)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "~",
            TallyDimension.PartyClass => FigureIds.Kebab(c.Row.PartyClass),
            _ => FigureIds.Kebab(c.Row.Category),
        };
        return rows.GroupBy(c => string.Join('|', keys.Select(d => Key(d, c))), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var c = g.First();
                var inside = g.Where(x => x.Inside).ToList();
                return new TallyRow(
                    dims.Contains(TallyDimension.Admin1) ? c.Admin1 : null,
                    dims.Contains(TallyDimension.Month) ? Month(c.Days) : null,
                    dims.Contains(TallyDimension.Year) ? Year(c.Days) : null,
                    dims.Contains(TallyDimension.PartyClass) ? c.Row.PartyClass : null,
                    c.Row.Category,
                    inside.Any(x => x.Row.Low is not null) ? inside.Sum(x => x.Row.Low ?? 0) : null,
                    inside.Any(x => x.Row.Best is not null) ? inside.Sum(x => x.Row.Best ?? 0) : null,
                    inside.Any(x => x.Row.High is not null) ? inside.Sum(x => x.Row.High ?? 0) : null,
                    inside.Select(x => x.Id).Distinct().Count(), inside.Sum(x => x.Row.Unquantified),
                    inside.Where(x => x.Row.Contested).Select(x => x.Id).Distinct().Count(),
                    inside.Where(x => x.Row.Disputed).Select(x => x.Id).Distinct().Count(),
                    g.Where(x => !x.Inside).Select(x => x.Id).Distinct().Count())
                {
                    // Grouped by governorate, rows are split by country too.
                    Country = dims.Contains(TallyDimension.Admin1) ? "SY" : null,
                };
            })
            .ToList();
    }

    private async Task<List<string>> DumpAsync()
    {
        var rows = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT incident_id || ' ' || version || ' ' || last_position || ' ' || state::text || ' ' || reported_at FROM projections.incidents ORDER BY incident_id",
            "SELECT concat_ws(' ', position, incident_id, version, figure_id, value_before, value_after, status_before, status_after, reason) FROM projections.incident_history ORDER BY position",
            "SELECT concat_ws(' ', incident_id, category, party_class, admin1, occurred_date, low, best, high, unquantified, valid_from, valid_to, contested, disputed) FROM projections.tally_contributions ORDER BY incident_id, valid_from, category, party_class",
            "SELECT c::text FROM projections.tally_cells c ORDER BY span, period, period_end, country, admin1, category, party_class, valid_from",
            "SELECT k::text FROM projections.tally_cell_keys k ORDER BY cell",
            "SELECT v::text FROM projections.incident_versions v ORDER BY incident_id, valid_from",
        })
        {
            await using var cmd = db.DataSource.CreateCommand(sql);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) rows.Add(r.GetString(0));
        }
        return rows;
    }

    private sealed class SyncProgress(List<RebuildProgress> into) : IProgress<RebuildProgress>
    {
        public void Report(RebuildProgress value) => into.Add(value);
    }
}
