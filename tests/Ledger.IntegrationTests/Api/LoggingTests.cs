using System.Net;
using Microsoft.AspNetCore.Hosting;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

public sealed class LoggingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Requests_are_logged_as_json_with_their_correlation_id_and_never_with_a_key()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ledger-log-{Guid.NewGuid():N}.log");
        await using (var logged = api.NewFactory().WithWebHostBuilder(b => b.UseSetting("Ledger:Log:File", file)))
        {
            var client = api.Client(Reporter, logged);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = Json("""
                {"id": "logged-1", "title": "t", "occurred": {"date": "2023-01-01"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied"}
                """) };
            request.Headers.Add("X-Correlation-Id", "log-corr-42");
            (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);
            (await api.Client("wrong-key-should-not-be-logged", logged).PostAsync("/api/incidents", Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        var directory = Path.GetDirectoryName(file)!;
        var written = Directory.GetFiles(directory, Path.GetFileNameWithoutExtension(file) + "*");
        written.Should().NotBeEmpty();
        var text = string.Concat(written.Select(File.ReadAllText));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines.Where(l => l.Contains("\"CorrelationId\":\"log-corr-42\"")).Should().ContainSingle("one line per request").Subject;
        requestLine.Should().Contain("\"RequestMethod\":\"POST\"").And.Contain("\"RequestPath\":\"/api/incidents\"").And.Contain("\"StatusCode\":201")
            .And.Contain("\"Elapsed\":").And.Contain("\"KeyName\":\"newsroom\"").And.Contain("\"Level\":\"Information\"");
        // Framework noise stays at Warning: no "Request starting" / "Executing endpoint" lines.
        lines.Should().NotContain(l => l.Contains("Request starting") || l.Contains("Executing endpoint"));
        text.Should().NotContain(Reporter).And.NotContain("wrong-key-should-not-be-logged");
        foreach (var f in written) File.Delete(f);
    }
}
