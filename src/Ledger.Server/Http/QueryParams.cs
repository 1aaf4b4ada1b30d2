using System.Globalization;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Regions;

namespace Ledger.Server.Http;

/// <summary>Reads and checks query parameters; a bad one is a 400 naming it, never a silent default.</summary>
public sealed class QueryParams(Func<string, string?> get)
{
    public QueryParams(HttpContext ctx) : this(name => ctx.Request.Query[name].ToString()) { }

    public Reply? Problem { get; private set; }

    public string? Text(string name, int max = 200)
    {
        var v = get(name) ?? "";
        if (v.Length == 0) return null;
        if (v.Length > max) Fail(name, $"{name} is longer than {max} characters");
        return v;
    }

    public DateOnly? Date(string name) =>
        Text(name) is not { } v ? null
        : DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : Fail<DateOnly?>(name, $"{name} must be a date as yyyy-mm-dd");

    public DateTimeOffset? Time(string name) =>
        Text(name) is not { } v ? null
        : DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : Fail<DateTimeOffset?>(name, $"{name} must be an ISO 8601 time, e.g. 2024-01-10T12:00:00Z");

    public long? Long(string name, long min = 0, long max = long.MaxValue) =>
        Text(name) is not { } v ? null
        : long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : Fail<long?>(name, $"{name} must be a whole number from {min} to {max}");

    /// <summary><c>asOfPosition</c>, or the position of the release <c>release</c> names (one of them at most).</summary>
    public async Task<long?> AsOfPositionAsync(Lookups lookups)
    {
        var position = Long("asOfPosition");
        if (Text("release") is not { } release) return position;
        if (position is not null) return Fail<long?>("release", "give one of asOfPosition and release");
        return await lookups.ReleaseAsync(release) is { } named ? named.Position
            : Fail<long?>("release", $"there is no release \"{release}\" (GET /api/releases lists them)");
    }

    /// <summary><see cref="AsOfPositionAsync"/>, and a position the log has not reached refused (a 400 beyond-head):
    /// a read as of a point no write has reached would answer for a ledger that does not exist.</summary>
    public async Task<long?> AsOfWithinHeadAsync(Lookups lookups, Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        var asOf = await AsOfPositionAsync(lookups);
        if (Problem is null && asOf is { } p && await EventStore.EventFeed.HeadAsync(db, ct) is var head && p > head)
            throw new PositionBeyondHeadException(p, head);
        return asOf;
    }

    public bool? Bool(string name) =>
        Text(name) is not { } v ? null : v is "true" or "false" ? v == "true" : Fail<bool?>(name, $"{name} must be true or false");

    public T? Enum<T>(string name) where T : struct, System.Enum =>
        Text(name) is not { } v ? null
        : System.Enum.GetValues<T>().Where(e => FigureIds.Kebab(e) == v).Select(e => (T?)e).FirstOrDefault()
          ?? Fail<T?>(name, $"{name} must be one of {string.Join(", ", System.Enum.GetValues<T>().Select(e => FigureIds.Kebab(e)))}");

    public IReadOnlyList<TallyDimension> GroupBy(string name)
    {
        var dims = new List<TallyDimension>();
        foreach (var part in (Text(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dim = System.Enum.GetValues<TallyDimension>().Where(d => string.Equals(d.ToString(), part, StringComparison.OrdinalIgnoreCase)).Select(d => (TallyDimension?)d).FirstOrDefault();
            if (dim is null) return Fail<IReadOnlyList<TallyDimension>>(name, $"{name} takes a comma-separated list of country, admin1, month, year, partyClass, category, perpetrator; not \"{part}\"") ?? [];
            dims.Add(dim.Value);
        }
        return dims;
    }

    /// <summary>The tally filters of docs/CONTRACT.md §2, names resolved to region ids.</summary>
    public async Task<TallyFilter> TallyFilterAsync(Lookups lookups)
    {
        var filter = new TallyFilter
        {
            From = Date("from"), To = Date("to"),
            Category = Enum<FigureCategory>("category"), PartyClass = Enum<PartyClass>("partyClass"),
            AsOf = Time("asOf"), AsOfPosition = Long("asOfPosition"),
            ExcludeClaims = Text("claims") switch
            {
                null or "include" => false,
                "exclude" => true,
                var other => Fail<bool>("claims", $"claims must be one of include, exclude; not \"{other}\""),
            },
        };
        if (filter.From > filter.To) Fail("from", "from is after to");
        if (Text("release") is { } release)
        {
            // A release is a named position: the same answer now and after any later write.
            if (filter.AsOf is not null || filter.AsOfPosition is not null) Fail("release", "give one of asOf, asOfPosition and release");
            else if (await lookups.ReleaseAsync(release) is { } named) filter = filter with { AsOfPosition = named.Position };
            else Fail("release", $"there is no release \"{release}\" (GET /api/releases lists them)");
        }
        if (filter.AsOf > DateTimeOffset.UtcNow.AddMinutes(1)) Fail("asOf", "asOf is in the future: the ledger can show only moments that have passed");
        if (Text("country") is { } country)
        {
            // Any country by its code or name: "XX" is a mistake to report, not an empty answer.
            if (await lookups.Names.CountryAsync(country) is { } known) filter = filter with { Country = known.Country };
            else Fail("country", $"country \"{country}\" is not a country: give an ISO 3166-1 code (e.g. SY, IQ, YE) or a country's name");
        }
        // An actor as the registry stood at the read's point, with every actor merged into it by then.
        if (Text("perpetrator") is { } perpetrator)
        {
            var actors = await lookups.ActorsAsOfAsync(filter.AsOfPosition);
            if ((actors.Resolve(perpetrator) ?? (filter.AsOfPosition is null ? (await lookups.ActorsAsync(reload: true)).Resolve(perpetrator) : null)) is { } actor)
                filter = filter with { Perpetrator = (filter.AsOfPosition is null ? await lookups.ActorsAsync() : actors).IdsOf(actor) };
            else Fail("perpetrator", Translate.Unknown(perpetrator, "perpetrator", actors));
        }
        if (Text("admin1") is { } admin1)
        {
            if (admin1 == "none")
                filter = filter with { Admin1 = [TallyFilter.NoAdmin1] };
            else
            {
                var region = await lookups.Names.RegionAsync(admin1);
                if (region is null || region.Level != RegionLevel.Admin1) Fail("admin1", $"admin1 \"{admin1}\" is not a known governorate (or none, for incidents placed in no governorate)");
                else filter = filter with { Admin1 = [region.RegionId] };
            }
        }
        if (Text("region") is { } name)
        {
            var region = await lookups.Names.RegionAsync(name);
            if (region is null) Fail("region", $"region \"{name}\" is not known");
            else
            {
                var scope = RegionDirectory.ScopeOf(region);
                filter = filter with
                {
                    Country = scope.Country ?? filter.Country,
                    Admin1 = scope.Admin1 is null ? filter.Admin1 : filter.Admin1 is null ? scope.Admin1 : filter.Admin1.Intersect(scope.Admin1).ToList(),
                };
            }
        }
        return filter;
    }

    /// <summary>The incident-list filters: place and dates as for tallies, then the incident's own.</summary>
    public async Task<IncidentListFilter> IncidentFilterAsync(Lookups lookups)
    {
        var place = await TallyFilterAsync(lookups);
        var type = Named("type", Translate.TypeId);
        string? source = null;
        if (Text("source") is { } s)
        {
            if (await lookups.Names.SourceAsync(s) is { } known) source = known.Id;
            else Fail("source", $"source \"{s}\" is not a registered source (GET /api/sources lists them)");
        }
        return new IncidentListFilter
        {
            Country = place.Country, Admin1 = place.Admin1, From = place.From, To = place.To,
            Overlapping = Text("dates") switch
            {
                null or "within" => false,
                "overlapping" => true,
                var other => Fail<bool>("dates", $"dates must be one of within, overlapping; not \"{other}\""),
            },
            Disputed = Bool("disputed"), Contested = Bool("contested"), Type = type, Perpetrator = place.Perpetrator,
            Source = source, PartyClass = place.PartyClass, Category = place.Category,
            Text = Text("q")?.ToLowerInvariant(), IncludeRetracted = Bool("includeRetracted") ?? false,
            UpdatedAfter = Long("updatedAfter"),
            AsOfPosition = place.AsOfPosition, AsOf = place.AsOf,
        };
    }

    /// <summary>A name resolved through one of the ledger's lists (types, actors); an unknown one is a 400 that lists them.</summary>
    private string? Named(string name, Func<string?, string, (string? Id, string? Error)> resolve)
    {
        var (id, error) = resolve(Text(name), name);
        if (error is not null) Fail(name, error);
        return id;
    }

    public void Fail(string name, string message) => Problem ??= Problems.BadRequest(message, name);

    /// <summary>Refuses a parameter for a reason the caller works out (the first refusal is the one answered).</summary>
    public T? Refuse<T>(string name, string message) => Fail<T>(name, message);

    private T? Fail<T>(string name, string message)
    {
        Fail(name, message);
        return default;
    }
}
