using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Drafting;
using Ledger.Incidents;
using Ledger.Serialization;

namespace Ledger.Server.Drafting;

/// <summary>Drafts as `ledger import` lines (docs/CONTRACT.md §3): one reportIncident a draft, with its figures (a running
/// total: one reportRegionalFigure a figure), for a coder to check, edit and import. Ids are only proposals: the coder names the incident.</summary>
public static class DraftLines
{
    public static IReadOnlyList<string> Of(DraftResult result, DraftRequest request)
    {
        var lines = new List<string>();
        var n = 0;
        foreach (var d in result.Drafts)
        {
            n++;
            if (d.Total is { } total)
            {
                lines.AddRange(RegionalFigures(d, total, request, n));
                continue;
            }
            // No country named, none guessed: the coder gives it (an import line without one is refused, naming the field).
            var location = new JsonObject { ["country"] = d.Location.Country };
            if (d.Location.Admin1 is { } admin1) location["admin1"] = admin1;
            if (d.Location.Place is { } place) location["place"] = place;
            location["precision"] = d.Location.Admin1 is null ? "country" : "admin1";
            var line = new JsonObject
            {
                ["command"] = "reportIncident",
                ["id"] = $"draft-{d.Occurred.Date:yyyyMMdd}-{n}",
                ["incidentId"] = $"draft-{d.Occurred.Date:yyyy-MM-dd}-{n}",
                ["title"] = d.Title,
                ["occurred"] = new JsonObject { ["date"] = d.Occurred.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["precision"] = FigureIds.Kebab(d.Occurred.Precision) },
                ["location"] = location,
                ["type"] = d.Type ?? "other",
            };
            if (d.Perpetrator is { } perpetrator) line["perpetrator"] = perpetrator;
            line["figures"] = new JsonArray(d.Figures.Select(f =>
            {
                var figure = Figure(f, request);
                figure["party"] = f.Party;
                return (JsonNode)Without(figure);
            }).ToArray());
            lines.Add(line.ToJsonString(LedgerJson.Readable));
        }
        return lines;
    }

    /// <summary>A running total as what it is: a source's figure for an area and a period (reportRegionalFigure), one
    /// line a figure, never an incident dated on the day it was published. The area is the division the text names,
    /// else its country, else a marked blank.</summary>
    private static IEnumerable<string> RegionalFigures(DraftIncident d, DraftPeriod total, DraftRequest request, int n) =>
        d.Figures.Select((f, i) =>
        {
            var line = new JsonObject
            {
                ["command"] = "reportRegionalFigure",
                ["id"] = $"draft-total-{total.From:yyyyMMdd}-{n}-{i + 1}",
                ["regionId"] = d.Location.Admin1 ?? d.Location.Country ?? "FILL-IN-REGION",
                ["period"] = new JsonObject
                {
                    ["from"] = total.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["to"] = total.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            };
            foreach (var (key, value) in Figure(f, request).ToList()) line[key] = value?.DeepClone();
            return Without(line).ToJsonString(LedgerJson.Readable);
        });

    /// <summary>What a figure's line says of it, for an incident's figure and a regional one alike.</summary>
    private static JsonObject Figure(DraftFigure f, DraftRequest request) => new()
    {
        // No source named, none given: a marked blank the coder fills (an import refuses it, naming the field).
        ["source"] = f.Source ?? request.Source ?? "FILL-IN-SOURCE",
        ["category"] = FigureIds.Kebab(f.Category),
        ["partyClass"] = FigureIds.Kebab(f.PartyClass),
        ["value"] = JsonSerializer.SerializeToNode(f.Value, LedgerJson.Options),
        ["certainty"] = FigureIds.Kebab(f.Certainty),
        ["publishedAt"] = request.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["url"] = request.Url,
        ["quote"] = f.Quote,
    };

    /// <summary>The object without its null members: an import line gives only what it knows.</summary>
    private static JsonObject Without(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
        return o;
    }
}
