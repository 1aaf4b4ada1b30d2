using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Regions;

public static partial class RegionDecider
{
    /// <summary>Stream <c>region-{id}</c>: a country or governorate and the figures sources give for it as a whole.</summary>
    public static readonly Decider<RegionCommand, IRegionEvent, RegionState> Kind = new(
        "region-", RegionState.Initial, (state, e, ctx) => state.Apply(e, ctx), Decide,
        [typeof(RegionDefined), typeof(RegionalFigureReported), typeof(RegionalFigureRevised), typeof(RegionalFigureDisputed), typeof(RegionAliasAdded)]);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{2}(-[A-Z0-9]{1,3})?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IsoCode();

    /// <summary>A regional figure's id: the source's aggregate of one category and party class over one period.</summary>
    public static string FigureIdFor(string source, FigureCategory category, PartyClass partyClass, Period period) =>
        $"{source}:{FigureIds.Kebab(category)}:{FigureIds.Kebab(partyClass)}:{period.From:yyyy-MM-dd}"
        + (period.To is { } to ? $"..{to:yyyy-MM-dd}" : "");

    public static Decision<IRegionEvent> Decide(RegionCommand command, RegionState state, DateTimeOffset now)
    {
        if (command is DefineRegion define) return Define(define, state);
        if (command is AddRegionAlias alias) return AddAlias(alias, state);
        if (!state.Exists) return DomainError.NotFound("region-not-found", "no such region");
        return command switch
        {
            ReportRegionalFigure c => ReportFigure(c, state, now),
            ReviseRegionalFigure c => Revise(c, state, now),
            DisputeRegionalFigure c => Dispute(c, state, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, null),
        };
    }

    private static Decision<IRegionEvent> Define(DefineRegion c, RegionState state)
    {
        if (state.Exists) return DomainError.Conflict("region-exists", $"region {c.RegionId} is already defined", "id");
        var aliases = c.Aliases ?? [];
        var members = c.Members ?? [];
        var error = Slug.Check(c.RegionId, "id")
            ?? FreeText.Check(c.Name, "name", 200, required: true)
            ?? FreeText.Check(c.NameAr, "nameAr", 200, required: false)
            ?? (c.IsoCode is null || IsoCode().IsMatch(c.IsoCode)
                ? null : DomainError.Invalid("isoCode", "isoCode must be an ISO 3166 code in capitals, e.g. SY or SY-DY"))
            ?? (c.Country is { Length: 2 } && c.Country.All(char.IsAsciiLetterUpper)
                ? null : DomainError.Invalid("country", "country must be an ISO 3166 alpha-2 code in capitals, e.g. SY"))
            ?? (c.ParentId is null ? null : Slug.Check(c.ParentId, "parentId"))
            ?? (aliases.Count > 50 ? DomainError.Invalid("aliases", "at most 50 aliases are kept") : null)
            ?? aliases.Select((a, i) => FreeText.Check(a, $"aliases[{i}]", 200, required: true)).FirstOrDefault(e => e is not null)
            ?? members.Select((m, i) => Slug.Check(m, $"members[{i}]")).FirstOrDefault(e => e is not null)
            ?? (c.Level == RegionLevel.Area && members.Count == 0
                ? DomainError.Invalid("members", "members: an area lists the admin1 regions it covers") : null)
            ?? (c.Level != RegionLevel.Area && members.Count > 0
                ? DomainError.Invalid("members", "members are listed only for an area") : null);
        return error ?? Decision<IRegionEvent>.Accept(new RegionDefined(c.RegionId, c.Name, c.Country, c.Level, c.ParentId,
            aliases.Distinct().ToList(), members.Distinct().ToList(), c.NameAr, c.IsoCode));
    }

    private static Decision<IRegionEvent> AddAlias(AddRegionAlias c, RegionState state)
    {
        var definition = state.Definition;
        IRegionEvent? defined = null;
        if (definition is null)
        {
            if (c.Atlas is null) return DomainError.NotFound("region-not-found", "no such region");
            var define = Define(new DefineRegion(c.Atlas.RegionId, c.Atlas.Name, c.Atlas.Country, c.Atlas.Level, c.Atlas.ParentId,
                c.Atlas.Aliases, c.Atlas.Members, c.Atlas.NameAr, c.Atlas.IsoCode), state);
            if (!define.IsAccepted) return define;
            definition = (RegionDefined)(defined = define.Events[0]);
        }
        var error = FreeText.Check(c.Alias, "alias", 200, required: true)
            ?? FreeText.Check(c.Reason, "reason", 2000, required: true)
            ?? (NameKey.Of(c.Alias).Length == 0 ? DomainError.Invalid("alias", "alias has no letters or digits") : null)
            ?? (c.PCode && !PCode().IsMatch(c.Alias) ? DomainError.Invalid("alias", "a p-code is letters and digits, e.g. YE24 or SY0902") : null)
            ?? (definition.Aliases.Count >= 50 ? DomainError.Invalid("alias", "at most 50 aliases are kept") : null);
        if (error is not null) return error;
        var key = NameKey.Of(c.Alias);
        if (new[] { definition.RegionId, definition.Name, definition.NameAr, definition.IsoCode }.Concat(definition.Aliases)
            .OfType<string>().Any(n => NameKey.Of(n) == key))
            return DomainError.Conflict("alias-exists", $"\"{c.Alias}\" already names {definition.RegionId}", "alias");
        var added = new RegionAliasAdded(definition.RegionId, c.Alias, c.PCode, c.Reason);
        return defined is null ? Decision<IRegionEvent>.Accept(added) : Decision<IRegionEvent>.Accept(defined, added);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z]{2}[A-Za-z0-9]{1,18}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PCode();

    private static Decision<IRegionEvent> ReportFigure(ReportRegionalFigure c, RegionState state, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var error = Slug.Check(c.Source.Id, "source")
            ?? (c.Period.From > today ? DomainError.Invalid("period.from", "period.from is in the future") : null)
            ?? (c.Period.To is { } to && to < c.Period.From ? DomainError.Invalid("period.to", "period.to is before period.from") : null)
            ?? (c.Period.To > today ? DomainError.Invalid("period.to", "period.to is in the future") : null)
            ?? c.Value.Validate("value")
            ?? IncidentDecider.CheckPublished(c.PublishedAt, "publishedAt", now)
            ?? FreeText.CheckUrl(c.Url, "url")
            ?? FreeText.Check(c.Quote, "quote", 2000, required: false)
            ?? IncidentDecider.CheckBreakdown(c.Breakdown, "breakdown");
        if (error is not null) return error;
        var id = FigureIdFor(c.Source.Id, c.Category, c.PartyClass, c.Period);
        if (state.Figures.ContainsKey(id))
            return DomainError.Conflict("figure-exists", $"regional figure {id} exists; revise it instead", "source");
        var certainty = c.Source.Kind == SourceKind.ArmedGroup ? Certainty.Claimed : c.Certainty;
        return Decision<IRegionEvent>.Accept(new RegionalFigureReported(id, c.Source.Id, c.Source.Kind, c.Source.Rank, c.Category,
            c.PartyClass, c.Period, c.Value, certainty, c.PublishedAt, c.Url, c.Quote, c.Breakdown));
    }

    private static Decision<IRegionEvent> Revise(ReviseRegionalFigure c, RegionState state, DateTimeOffset now)
    {
        if (!state.Figures.ContainsKey(c.FigureId)) return FigureNotFound(c.FigureId, state);
        var error = c.Value.Validate("value")
            ?? FreeText.Check(c.Reason, "reason", 2000, required: true)
            ?? IncidentDecider.CheckPublished(c.PublishedAt, "publishedAt", now)
            ?? FreeText.CheckUrl(c.Url, "url")
            ?? FreeText.Check(c.Quote, "quote", 2000, required: false);
        return error ?? Decision<IRegionEvent>.Accept(new RegionalFigureRevised(c.FigureId, c.Value, c.PublishedAt, c.Reason, c.Url, c.Quote));
    }

    private static Decision<IRegionEvent> Dispute(DisputeRegionalFigure c, RegionState state, DateTimeOffset now)
    {
        if (!state.Figures.TryGetValue(c.FigureId, out var figure)) return FigureNotFound(c.FigureId, state);
        var error = Slug.Check(c.DisputedBy, "disputedBy")
            ?? (c.DisputedBy == figure.Source
                ? DomainError.Invalid("disputedBy", $"disputedBy {c.DisputedBy} is the figure's own source, which cannot dispute it; revise it instead") : null)
            ?? FreeText.Check(c.Reason, "reason", 2000, required: true)
            ?? c.CounterValue?.Validate("counterValue")
            ?? IncidentDecider.CheckPublished(c.PublishedAt, "publishedAt", now);
        return error ?? Decision<IRegionEvent>.Accept(new RegionalFigureDisputed(
            $"d{state.DisputeCount + 1}", c.FigureId, c.DisputedBy, c.Reason, c.CounterValue, c.PublishedAt));
    }

    private static Decision<IRegionEvent> FigureNotFound(string id, RegionState state) =>
        DomainError.NotFound("figure-not-found", $"region {state.Definition!.RegionId} has no figure {id}", "figureId");
}
