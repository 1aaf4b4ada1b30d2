namespace Ledger.Server.Endpoints;

/// <summary>One line per operation for the OpenAPI document and its reference page. Kept in one table so that a
/// reader sees the whole API at once; a test fails when an operation has none.</summary>
public static class Summaries
{
    public static readonly IReadOnlyDictionary<string, string> Of = new Dictionary<string, string>
    {
        ["POST /api/incidents"] = "Report an incident, optionally with its first figures",
        ["GET /api/incidents"] = "List incidents, newest first, filtered and paged",
        ["GET /api/incidents/{id}"] = "An incident now: details, figures with status, reconciled low/best/high rows",
        ["GET /api/incidents/{id}/history"] = "Every event of an incident, with each figure's value before and after",
        ["POST /api/incidents/{id}/figures"] = "Add a source's figure to an incident (409 if it exists: revise it instead)",
        ["POST /api/incidents/{id}/figures/{figureId}/revisions"] = "The same source changes its figure",
        ["POST /api/incidents/{id}/figures/{figureId}/disputes"] = "Another source or an analyst contests a figure, optionally with a counter value",
        ["POST /api/incidents/{id}/disputes/{disputeId}/resolution"] = "An editor upholds (excludes the figure) or dismisses a dispute",
        ["POST /api/incidents/{id}/figures/{figureId}/retraction"] = "The source withdraws its figure",
        ["POST /api/incidents/{id}/corrections"] = "An editor corrects the date, place or type, with a reason",
        ["POST /api/incidents/{id}/retraction"] = "An editor retracts the incident (it was not one)",
        ["POST /api/sources"] = "Register a source with its kind and optional rank (admin)",
        ["GET /api/sources"] = "List sources with their effective rank",
        ["POST /api/releases"] = "Name a point of the log (the head unless a position is given) for citing; a name is never reused (editor)",
        ["GET /api/releases"] = "List the named releases, oldest position first",
        ["GET /api/releases/{name}"] = "One release: its position, recording time, note and signed checkpoint",
        ["GET /api/checkpoints"] = "The newest 100 checkpoints signed on the schedule (with a checkpoint key), newest first: keep them to audit the log later",
        ["POST /api/regions"] = "Define a region: a governorate, district or an area of governorates (admin)",
        ["GET /api/regions"] = "List regions: the 32 governorates and any defined areas",
        ["GET /api/regions/{id}"] = "One region, by id, name, Arabic name, ISO code or alias",
        ["POST /api/regions/{id}/figures"] = "Report a source's aggregate figure for an area and period",
        ["GET /api/regions/{id}/figures"] = "Regional figures with their history, beside the ledger's own tally for the same area and period",
        ["POST /api/regions/{id}/figures/{figureId}/revisions"] = "The same source changes its regional figure",
        ["POST /api/regions/{id}/figures/{figureId}/disputes"] = "Contest a regional figure",
        ["GET /api/tallies"] = "Low/best/high tallies, never adding categories, as of now or any past moment",
        ["GET /api/tallies/history"] = "How one tally (one category) changed: a row per change",
        ["GET /api/exports/tallies.csv"] = "Tallies as CSV with an HXL row",
        ["GET /api/exports/incidents.csv"] = "Incidents as CSV with an HXL row: dates with precision, unquantified flags, sources",
        ["GET /api/exports/figures.csv"] = "Every report of every figure as CSV: source, value, status, quote, URL, dates",
        ["GET /api/changes"] = "What changed between two points (positions or releases): incidents, figures before and after, tallies that moved",
        ["GET /api/exports/changes.csv"] = "What changed between two points as CSV, one row per incident, figure or tally change",
        ["GET /api/actors"] = "The actor registry: ids, names in English and Arabic, aliases, usual party class",
        ["GET /api/incident-types"] = "The incident typology with its aliases",
        ["POST /api/drafts"] = "Draft incidents and figures from an article's text for a coder to confirm (nothing is stored)",
        ["GET /api/events"] = "The change feed in position order; asking after the last position seen never misses a commit",
        ["GET /api/verify"] = "Re-check every stream's hash chain",
        ["POST /api/admin/projections/rebuild"] = "Rebuild every read model from the log (admin)",
        ["GET /health/live"] = "Liveness",
        ["GET /health/ready"] = "Readiness: database reachable, schema ready, projection lag",
    };
}
