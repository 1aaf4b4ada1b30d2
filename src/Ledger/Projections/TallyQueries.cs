using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections;

public enum TallyDimension { Country, Admin1, Month, Year, PartyClass, Category, Perpetrator }

/// <summary>Filters of docs/CONTRACT.md §2 with names already resolved: <see cref="Admin1"/> holds region ids (an
/// area's members; <see cref="NoAdmin1"/> for the incidents placed in no governorate). <see cref="From"/> and
/// <see cref="To"/> bound the days an incident's whole interval must lie in. <see cref="AsOfPosition"/> wins over
/// <see cref="AsOf"/>.</summary>
public sealed record TallyFilter
{
    public string? Country { get; init; }
    public IReadOnlyList<string>? Admin1 { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public FigureCategory? Category { get; init; }
    public PartyClass? PartyClass { get; init; }
    public long? AsOfPosition { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    /// <summary>claims=exclude: leave out what rests on a perpetrator's claims alone (contested rows).</summary>
    public bool ExcludeClaims { get; init; }
    /// <summary>The actor ids whose incidents count: one actor and every actor merged into it, as the registry stood at
    /// the read's point (null: every incident, whoever the perpetrator).</summary>
    public IReadOnlyList<string>? Perpetrator { get; init; }

    /// <summary>The admin1 "id" of incidents whose source names no governorate (admin1=none).</summary>
    public const string NoAdmin1 = "";
}

/// <summary>One tally row; only the keys grouped by are set, and <see cref="Country"/> whenever the row lies in one
/// country. Low/Best/High are null when no figure gives a number. Grouped by admin1, a row whose <see cref="Admin1"/>
/// is null holds the incidents of its country placed in no governorate. Grouped by month (year), a row whose month
/// (year) is null holds the incidents whose dates span several. <see cref="Contested"/> counts the incidents whose
/// numbers here rest on claims alone, <see cref="Disputed"/> those with an open dispute, and <see cref="Straddling"/>
/// those whose dates overlap the range asked for without lying inside it: they are not in the numbers.</summary>
public sealed record TallyRow(
    string? Admin1, string? Month, int? Year, PartyClass? PartyClass, FigureCategory? Category,
    long? Low, long? Best, long? High, long Incidents, long Unquantified, long Contested, long Disputed, long Straddling = 0)
{
    public string? Country { get; init; }

    /// <summary>The governorate's name beside its p-code ("Deir-ez-Zor" beside "sy09").</summary>
    public string? Admin1Name { get; init; }

    /// <summary>Grouped by perpetrator: the actor, as the registry names it at the read's point (null: none named).</summary>
    public string? Perpetrator { get; init; }
}

/// <summary>The rows, the position they reflect (the as-of position, or null for the current tally), and the
/// keys they are grouped by: those asked for, plus category unless one category was asked for.</summary>
public sealed record TallyResult(IReadOnlyList<TallyRow> Rows, long? AsOfPosition, IReadOnlyList<TallyDimension> GroupBy);

/// <summary>How a tally moved: after the event at <see cref="Position"/>, it stood at low/best/high.</summary>
public sealed record TallyChange(long Position, DateTimeOffset RecordedAt, string StreamId, long Version, string Type, Guid EventId,
    long Low, long Best, long High);

/// <summary>Tallies from the contribution ranges: current, as of any position or time, and their history.
/// Each is one indexed aggregate, never a replay.</summary>
public sealed class TallyQueries(NpgsqlDataSource db)
{
    // Cell columns: a month cell's period is its first day; "" is the governorate of incidents placed in none.
    // Incidents whose dates cross a month's (a year's) end have no month (year).
    private static readonly IReadOnlyDictionary<TallyDimension, string> Keys = new Dictionary<TallyDimension, string>
    {
        [TallyDimension.Country] = "country",
        [TallyDimension.Admin1] = "nullif(admin1, '')",
        [TallyDimension.Month] = "CASE WHEN span <> 'x' THEN date_trunc('month', period)::date END",
        [TallyDimension.Year] = "CASE WHEN date_part('year', period) = date_part('year', period_end) THEN date_trunc('year', period)::date END",
        [TallyDimension.PartyClass] = "party_class",
        [TallyDimension.Category] = "category",
        [TallyDimension.Perpetrator] = "nullif(perpetrator, '')",
    };

    /// <param name="actorOf">Grouped by perpetrator: the actor an id stands for at the read's point (a merged actor's
    /// successor), so that rows of actors merged since are one row.</param>
    public async Task<TallyResult> TalliesAsync(TallyFilter filter, IReadOnlyList<TallyDimension> groupBy, CancellationToken ct = default,
        Func<string, string>? actorOf = null)
    {
        var dims = groupBy.Distinct().ToList();
        // docs/CONTRACT.md §1: a tally never adds different categories (killed + captured is no number anyone should
        // publish): unless one category is asked for, rows are split by category.
        if (filter.Category is null && !dims.Contains(TallyDimension.Category)) dims.Add(TallyDimension.Category);
        // A governorate lies in one country, and the row of incidents placed in none is per country: never Syria's
        // and Iraq's added together.
        if (dims.Contains(TallyDimension.Admin1) && !dims.Contains(TallyDimension.Country)) dims.Insert(dims.IndexOf(TallyDimension.Admin1), TallyDimension.Country);
        var asOf = await ResolveAsOfAsync(filter, ct);
        // Inner keys are named k0, k1, ...; months and years are formatted once per group, not once per row.
        var keys = string.Concat(dims.Select((d, i) => $"{Keys[d]} AS k{i}, "));
        var outer = string.Concat(dims.Select((d, i) => d switch
        {
            TallyDimension.Month => $"to_char(k{i}, 'YYYY-MM'), ",
            TallyDimension.Year => $"extract(year FROM k{i})::int, ",
            _ => $"k{i}, ",
        }));
        var names = string.Join(", ", dims.Select((_, i) => $"k{i}"));
        // Split by party class (or filtered on one), the cells of each class; otherwise the all-classes cells,
        // where an incident with figures for two classes counts once.
        var byClass = dims.Contains(TallyDimension.PartyClass) || filter.PartyClass is not null;
        var byPerpetrator = dims.Contains(TallyDimension.Perpetrator) || filter.Perpetrator is not null;
        var sql = SqlText.Get("tallies.sql")
            .Replace("{{outer_keys}}", outer)
            .Replace("{{keys}}", keys)
            .Replace("{{classes}}", byClass ? "party_class <> '*'" : "party_class = '*'")
            // The cells keep no perpetrator: by perpetrator, each incident's own cells are made from its contributions.
            .Replace("{{cells}}", SqlText.Get(byPerpetrator ? "cells_by_perpetrator.sql" : asOf is null ? "cells_current.sql" : "cells_as_of.sql"))
            .Replace("{{group_by}}", dims.Count == 0 ? "" : $"GROUP BY {names} ORDER BY {names}");
        await using var cmd = db.CreateCommand(sql);
        var (from, to, wholeFrom, wholeTo) = Spans(filter.From, filter.To);
        // Interval cells lie within one month: those that straddle a bound begin in its month.
        var fromMonth = new DateOnly(from.Year, from.Month, 1);
        var toMonth = new DateOnly(to.Year, to.Month, 1);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Admin1?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = filter.Category is { } c ? FigureIds.Kebab(c) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = filter.PartyClass is { } pc ? FigureIds.Kebab(pc) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = filter.ExcludeClaims, NpgsqlDbType = NpgsqlDbType.Boolean });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)asOf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = wholeFrom, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = wholeTo, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = fromMonth, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = toMonth, NpgsqlDbType = NpgsqlDbType.Date });
        if (byPerpetrator)
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Perpetrator?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

        var rows = new List<TallyRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? country = filter.Country, admin1 = null, month = null, perpetrator = null;
            int? year = null;
            PartyClass? partyClass = null;
            FigureCategory? category = null;
            for (var i = 0; i < dims.Count; i++)
            {
                switch (dims[i])
                {
                    case TallyDimension.Country: country = r.GetString(i); break;
                    case TallyDimension.Admin1: admin1 = r.IsDBNull(i) ? null : r.GetString(i); break;
                    case TallyDimension.Month: month = r.IsDBNull(i) ? null : r.GetString(i); break;
                    case TallyDimension.Year: year = r.IsDBNull(i) ? null : r.GetInt32(i); break;
                    case TallyDimension.PartyClass: partyClass = Enums.Parse<PartyClass>(r.GetString(i)); break;
                    case TallyDimension.Category: category = Enums.Parse<FigureCategory>(r.GetString(i)); break;
                    case TallyDimension.Perpetrator: perpetrator = r.IsDBNull(i) ? null : r.GetString(i); break;
                }
            }
            var n = dims.Count;
            rows.Add(new TallyRow(admin1, month, year, partyClass, category, NullableLong(r, n), NullableLong(r, n + 1),
                NullableLong(r, n + 2), r.GetInt64(n + 3), r.GetInt64(n + 4), r.GetInt64(n + 5), r.GetInt64(n + 6), r.GetInt64(n + 7))
            { Country = country, Perpetrator = perpetrator });
        }
        if (dims.Contains(TallyDimension.Perpetrator) && actorOf is not null) rows = Merged(rows, actorOf);
        if (dims.Contains(TallyDimension.Admin1)) rows = await NamedAsync(rows, ct);
        return new TallyResult(rows, asOf, dims);
    }

    /// <summary>Rows by the actor each perpetrator id stands for now: an actor merged into another adds to its row (an
    /// incident has one perpetrator, so no incident counts twice). Ordered as the query orders, by the actor's id.</summary>
    private static List<TallyRow> Merged(List<TallyRow> rows, Func<string, string> actorOf)
    {
        static long? Add(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
        return rows.Select(r => r with { Perpetrator = r.Perpetrator is { } p ? actorOf(p) : null })
            .GroupBy(r => (r.Country, r.Admin1, r.Month, r.Year, r.PartyClass, r.Category, r.Perpetrator))
            .Select(g => g.Aggregate((a, b) => a with
            {
                Low = Add(a.Low, b.Low), Best = Add(a.Best, b.Best), High = Add(a.High, b.High), Incidents = a.Incidents + b.Incidents,
                Unquantified = a.Unquantified + b.Unquantified, Contested = a.Contested + b.Contested, Disputed = a.Disputed + b.Disputed,
                Straddling = a.Straddling + b.Straddling,
            })).ToList();
    }

    /// <summary>Names from the gazetteer and the atlas, else from the regions the ledger defined.</summary>
    private async Task<List<TallyRow>> NamedAsync(List<TallyRow> rows, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = rows.Select(r => r.Admin1).OfType<string>().Distinct().Where(id =>
        {
            if (Regions.IsoCodes.Index.NameOf(id) is not { } name) return true;
            names[id] = name;
            return false;
        }).ToArray();
        if (missing.Length > 0)
        {
            await using var cmd = db.CreateCommand(SqlText.Get("region_names.sql"));
            cmd.Parameters.Add(new NpgsqlParameter { Value = missing });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) names[r.GetString(0)] = r.GetString(1);
        }
        return rows.Select(row => row.Admin1 is { } id && names.TryGetValue(id, out var n) ? row with { Admin1Name = n } : row).ToList();
    }

    /// <summary>The tally after each change, from the first change after position <paramref name="after"/>, at most
    /// <paramref name="limit"/> of them.</summary>
    public async Task<IReadOnlyList<TallyChange>> HistoryAsync(TallyFilter filter, long after = 0, int limit = int.MaxValue, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("tally_history.sql"));
        AddFilters(cmd, filter);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (long)limit, NpgsqlDbType = NpgsqlDbType.Bigint });
        var changes = new List<TallyChange>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            changes.Add(new TallyChange(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetInt64(3), r.GetString(4),
                r.GetGuid(5), Convert.ToInt64(r.GetValue(6)), Convert.ToInt64(r.GetValue(7)), Convert.ToInt64(r.GetValue(8))));
        return changes;
    }

    /// <summary>The date range [from, to] as whole months [wholeFrom, wholeTo) read from month cells, and the days
    /// before and after them read from day cells. Without a range, every month and no day.</summary>
    internal static (DateOnly From, DateOnly To, DateOnly WholeFrom, DateOnly WholeTo) Spans(DateOnly? from, DateOnly? to)
    {
        var lo = from ?? DateOnly.MinValue;
        var hi = to ?? DateOnly.MaxValue;
        var wholeFrom = lo.Day == 1 ? lo : NextMonth(lo);
        var wholeTo = hi == DateOnly.MaxValue ? hi : NextDay(hi).Day == 1 ? NextDay(hi) : new DateOnly(hi.Year, hi.Month, 1);
        // No whole month inside: every day of the range from day cells.
        if (wholeFrom >= wholeTo) wholeFrom = wholeTo = NextDay(hi);
        return (lo, hi, wholeFrom, wholeTo);
    }

    // Clamped at the end of the calendar: a range ending there has no day after it.
    private static DateOnly NextDay(DateOnly d) => d == DateOnly.MaxValue ? d : d.AddDays(1);

    private static DateOnly NextMonth(DateOnly d) => d.Year == 9999 && d.Month == 12 ? DateOnly.MaxValue : new DateOnly(d.Year, d.Month, 1).AddMonths(1);

    private Task<long?> ResolveAsOfAsync(TallyFilter filter, CancellationToken ct) =>
        ReadPoint.ResolveAsync(db, filter.AsOfPosition, filter.AsOf, ct);

    private static void AddFilters(NpgsqlCommand cmd, TallyFilter f)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)f.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)f.Admin1?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)f.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)f.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.Category is { } c ? FigureIds.Kebab(c) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.PartyClass is { } pc ? FigureIds.Kebab(pc) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = f.ExcludeClaims, NpgsqlDbType = NpgsqlDbType.Boolean });
    }

    // sum(bigint) is numeric in PostgreSQL.
    private static long? NullableLong(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i));
}

/// <summary>An as-of position past the last one stored.</summary>
/// <summary>A position no write of this ledger has reached: every read, page and feed refuses it so (400, beyond-head),
/// whether it names a moment to read as of, one to wait for, or where a feed consumer stopped.</summary>
public sealed class PositionBeyondHeadException(long position, long head, string field = "asOfPosition", string? why = null)
    : Exception($"{field} {position} is beyond the head of the ledger ({head}): {why ?? "no such moment has happened"}")
{
    /// <summary>The request field that named the position.</summary>
    public string Field { get; } = field;
    public long Position { get; } = position;
    public long Head { get; } = head;
}
