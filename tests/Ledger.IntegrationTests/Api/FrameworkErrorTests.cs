using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>docs/CONTRACT.md §2: every error is problem+json, what ASP.NET Core answers before our code included.</summary>
public sealed class FrameworkErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Unknown_routes_and_wrong_methods_get_problems()
    {
        var unknown = await api.Client().GetAsync("/api/nothing-here");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Body(unknown)).GetProperty("code").GetString().Should().Be("no-such-route");

        var method = await api.Client(Admin).DeleteAsync("/api/incidents");
        method.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        method.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Body(method)).GetProperty("status").GetInt32().Should().Be(405);
    }
}
