using Ledger.Server.Http.Pipeline;
using System.Net;
using Ledger.Server.Http;
using Microsoft.AspNetCore.Hosting;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>The smaller holes a security review found: forged log lines, guessed keys, pages a third party could
/// frame or script, spreadsheet formulas, NUL bytes, and import lines too long to hold.</summary>
public sealed class HardeningTests(ApiFixture api, PostgresDatabase db) : IClassFixture<ApiFixture>, IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_line_break_in_a_path_is_escaped_in_the_log_not_a_forged_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ledger-log-{Guid.NewGuid():N}.log");
        await using (var logged = api.NewFactory().WithWebHostBuilder(b => b.UseSetting("Ledger:Log:File", file)))
            await api.Client(factory: logged).GetAsync("/api/nothing%0A12:00:00 INF POST /api/admin/projections/rebuild 200 admin");
        var written = Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "*");
        var text = string.Concat(written.Select(File.ReadAllText));
        text.Should().Contain("/api/nothing\\\\u000a12:00:00 INF POST", "the rendered line carries the break as an escape");
        Logging().Should().Be("a\\u000ab\\u001bc");
        foreach (var f in written) File.Delete(f);

        static string Logging() => Ledger.Server.Hosting.Logging.Escaped("a\nb\u001bc");
    }

    [Fact]
    public async Task Wrong_keys_are_throttled_per_address_after_twenty_in_a_minute()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++) statuses.Add((await api.Client($"guess-{i:D4}-wrong").PostAsync("/api/incidents", Json("{}"))).StatusCode);
        statuses.Take(FailedKeys.Limit).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(FailedKeys.Limit).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
        // The right key is refused too while the address waits: guesses are not compared until then.
        // (were it compared, a 200 among 429s would tell the guesser it had won).
        (await api.Client(Reporter).PostAsync("/api/incidents", Json("{}"))).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Key_names_are_unique_and_a_short_admin_key_stops_the_node()
    {
        FluentActions.Invoking(() => new ApiKeyRing([new ApiKey("admin", Role.Admin, "a-long-admin-key-1"), new ApiKey("admin", Role.Reporter, "reporter-key-1")]))
            .Should().Throw<FormatException>().WithMessage("*named \"admin\"*");
        var (code, error, _) = await LedgerProcess.ServeUntilExitAsync(db.ConnectionString, new Dictionary<string, string> { ["LEDGER_ADMIN_KEY"] = "too-short" });
        code.Should().Be(2);
        error.Should().StartWith("ledger: LEDGER_ADMIN_KEY: the admin key \"admin\" has about ").And.Contain("need 128 or more");
    }

    [Theory]
    [InlineData("desk:editor:editor-key-0001", "editor key \"desk\"")] // 8 characters were once enough
    [InlineData("root:admin:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "admin key \"root\"")] // long, but one guess
    public async Task An_admin_or_editor_key_of_less_than_128_bits_in_the_environment_stops_the_node_naming_it(string entry, string named)
    {
        var (code, error, _) = await LedgerProcess.ServeUntilExitAsync(db.ConnectionString, new Dictionary<string, string> { ["LEDGER_API_KEYS"] = entry });
        code.Should().Be(2);
        error.Should().StartWith($"ledger: LEDGER_API_KEYS: the {named} has about ").And.Contain("128");
    }

    [Fact]
    public async Task An_empty_key_header_on_a_real_socket_is_anonymous_to_the_limits()
    {
        await using var node = await LedgerProcess.StartAsync(db.ConnectionString, settings: new Dictionary<string, string> { ["Ledger__AnonymousReadsPerSecond"] = "5" });
        using var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", "").Should().BeTrue();
        var answers = new List<HttpStatusCode>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 30; i++) answers.Add((await client.GetAsync("/api/sources")).StatusCode);
        answers.Should().Contain(HttpStatusCode.TooManyRequests, "an empty header is no key: it once lifted every anonymous limit");
        answers.Count(a => a == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(10 + (int)Math.Ceiling(5 * clock.Elapsed.TotalSeconds),
            "a burst of twice the rate, then the rate");
    }

    [Fact]
    public void A_random_key_of_32_characters_is_strong_and_a_reporter_key_needs_no_more_than_8()
    {
        ApiKeyRing.EntropyBits(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))).Should().BeGreaterThan(128);
        ApiKeyRing.EntropyBits("editor-key-0001").Should().BeLessThan(128);
        ApiKeyRing.Strong(new ApiKey("feed", Role.Reporter, "reporter"), "LEDGER_API_KEYS").Name.Should().Be("feed");
    }

    [Fact]
    public async Task Pages_forbid_framing_inline_script_and_referrers_and_scalar_fetches_nothing_elsewhere()
    {
        var page = await api.Client().GetAsync("/");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        page.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        page.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        var scalar = await (await api.Client().GetAsync("/scalar")).Content.ReadAsStringAsync();
        scalar.Should().NotContain("fonts.scalar.com").And.NotContain("fonts.googleapis");
    }

    [Fact]
    public async Task A_nul_in_the_query_is_a_400_not_a_503()
    {
        var response = await api.Client().GetAsync("/api/incidents?q=a%00b");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Body(response)).GetProperty("code").GetString().Should().Be("nul-character");
    }

    [Fact]
    public void A_cell_a_spreadsheet_would_split_or_evaluate_is_quoted()
    {
        var text = new Csv([("a", "#a"), ("b", "#b")]).Row("ok;=1+2", "=SUM(A1)").ToString();
        text.Split("\r\n")[2].Should().Be("\"ok;=1+2\",'=SUM(A1)");
    }

    [Fact]
    public async Task An_import_line_past_the_cap_stops_the_import_with_its_number_and_is_never_held_whole()
    {
        var file = new StringReader("\n" + new string('x', Ledger.Server.Cli.Importer.MaxLineChars + 10) + "\n{}\n");
        (await Ledger.Server.Cli.CappedLines.ReadAsync(file, Ledger.Server.Cli.Importer.MaxLineChars, CancellationToken.None)).Should().Be(new Ledger.Server.Cli.CappedLine("", false));
        (await Ledger.Server.Cli.CappedLines.ReadAsync(file, Ledger.Server.Cli.Importer.MaxLineChars, CancellationToken.None)).Should().Be(new Ledger.Server.Cli.CappedLine("", true));
        (await Ledger.Server.Cli.CappedLines.ReadAsync(file, Ledger.Server.Cli.Importer.MaxLineChars, CancellationToken.None)).Should().Be(new Ledger.Server.Cli.CappedLine("{}", false));
        (await Ledger.Server.Cli.CappedLines.ReadAsync(file, Ledger.Server.Cli.Importer.MaxLineChars, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Anonymous_reads_and_whole_ledger_verifications_are_rate_limited_per_client()
    {
        await using var limited = api.NewFactory(anonymousReadsPerSecond: 5, verificationsPerMinute: 2);
        var anonymous = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) anonymous.Add((await api.Client(factory: limited).GetAsync("/api/sources")).StatusCode);
        anonymous.Should().Contain(HttpStatusCode.OK).And.Contain(HttpStatusCode.TooManyRequests, "a burst beyond twice the rate is refused");
        for (var i = 0; i < 30; i++)
            (await api.Client(Reader, limited).GetAsync("/api/sources")).StatusCode.Should().Be(HttpStatusCode.OK, "a reader with a key is not limited as anonymous");
        (await api.Client(factory: limited).GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "health is never limited");

        var verifications = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) verifications.Add((await api.Client(Reader, limited).GetAsync("/api/verify")).StatusCode);
        verifications.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
    }
}
