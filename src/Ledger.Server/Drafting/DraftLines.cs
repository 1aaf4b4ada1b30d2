using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Drafting;
using Ledger.Incidents;
using Ledger.Serialization;

namespace Ledger.Server.Drafting;

/// <summary>Drafts as `ledger import` lines (docs/CONTRACT.md §3): one reportIncident a draft, with its figures, for a
/// coder to check, edit and import. Ids are only proposals: the coder names the incident.</summary>
public static class DraftLines
{
    public static IReadOnlyList<string> Of(DraftResult result, DraftRequest request)
    {
        var lines = new List<string>();
        var n = 0;
        foreach (var d in result.Drafts)
        {
            n++;
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
            line["figures"] = new JsonArray(d.Figures.Select(f => (JsonNode)Without(new JsonObject
            {
                // No source named, none given: a marked blank the coder fills (an import refuses it, naming the field).
                ["source"] = f.Source ?? request.Source ?? "FILL-IN-SOURCE",
                ["category"] = FigureIds.Kebab(f.Category),
                ["party"] = f.Party,
                ["partyClass"] = FigureIds.Kebab(f.PartyClass),
                ["value"] = JsonSerializer.SerializeToNode(f.Value, LedgerJson.Options),
                ["certainty"] = FigureIds.Kebab(f.Certainty),
                ["publishedAt"] = request.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["url"] = request.Url,
                ["quote"] = f.Quote,
            })).ToArray());
            lines.Add(line.ToJsonString(LedgerJson.Readable));
        }
        return lines;
    }

    /// <summary>The object without its null members: an import line gives only what it knows.</summary>
    private static JsonObject Without(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
        return o;
    }
}
