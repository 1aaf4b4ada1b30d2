using Ledger.Drafting;
using Ledger.Server.Http;

namespace Ledger.Server.Drafting;

/// <summary>POST /api/drafts: an article in, draft incidents and figures out, for a coder to confirm. Nothing is stored.</summary>
public static class DraftEndpoints
{
    public sealed record DraftBody(string Text, DateTimeOffset PublishedAt, string? Url = null, string? Source = null, string? Language = null);

    /// <summary>The drafts, the counts that are not figures ("950 to 975 attacks"), and the drafts as import lines.</summary>
    public sealed record DraftAnswer(string Language, IReadOnlyList<DraftIncident> Drafts, IReadOnlyList<DraftCount> Counts, IReadOnlyList<string> ImportLines);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapWrite("/api/drafts", Role.Reporter, async (HttpContext ctx, Lookups lookups, WriteContext w) =>
        {
            var (req, bad) = JsonBody.Read<DraftBody>(w.Body);
            if (bad is not null) return bad;
            if (Check(req!, DateTimeOffset.UtcNow) is { } wrong) return wrong;
            var request = new DraftRequest(req!.Text, req.PublishedAt, req.Url, req.Source?.Trim().ToLowerInvariant(), req.Language);
            var result = Drafter.Draft(request, await lookups.Names.DraftVocabularyAsync(ctx.RequestAborted));
            return new Reply(200, new DraftAnswer(result.Language, result.Drafts, result.Counts, DraftLines.Of(result, request)));
        }).WithTags("drafts").WithMetadata(new BulkField("text")).Accepts<DraftBody>("application/json").Produces<DraftAnswer>()
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(422);
    }

    /// <summary>Why a request cannot be drafted, naming the field; null when it can.</summary>
    public static Reply? Check(DraftBody req, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(req.Text)) return Problems.BadRequest("text is empty: give the article's text", "text");
        if (req.Text.Length > Drafter.MaxTextLength)
            return Problems.Of(413, "Payload too large", $"text is longer than {Drafter.MaxTextLength:N0} characters: draft the article in parts", "text");
        if (!Unicode.IsWellFormed(req.Text)) return Problems.BadRequest("text is not well-formed Unicode (a lone surrogate)", "text");
        if (req.PublishedAt > now.AddDays(1)) return Problems.Invalid("publishedAt is in the future", "publishedAt");
        if (req.Language is not (null or "en" or "ar")) return Problems.BadRequest("language must be one of en, ar (or left out, to tell from the text)", "language");
        if (req.Source is { } s && !Slug.IsValid(s.Trim().ToLowerInvariant())) return Problems.BadRequest("source must be a source's id, e.g. sohr", "source");
        return null;
    }
}

/// <summary>Whether a string's UTF-16 is well formed: every surrogate in a pair.</summary>
public static class Unicode
{
    public static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }
}
