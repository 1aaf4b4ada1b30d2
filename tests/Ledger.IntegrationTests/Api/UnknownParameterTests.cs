using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>docs/CONTRACT.md §2: a query parameter an endpoint does not take, or one given twice, is a 400 naming it;
/// never silently ignored (?perpetratr= once returned everything).</summary>
public sealed class UnknownParameterTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/incidents?perpetratr=isis", "perpetratr", "unknown-parameter")]
    [InlineData("/api/tallies?groupby=admin1", "groupby", "unknown-parameter")]
    [InlineData("/api/tallies?type=attack", "type", "unknown-parameter")]
    [InlineData("/api/exports/tallies.csv?type=ied", "type", "unknown-parameter")]
    [InlineData("/api/sources?country=SY", "country", "unknown-parameter")]
    [InlineData("/api/incidents/sukhna-claim?verbose=true", "verbose", "unknown-parameter")]
    [InlineData("/api/incidents?country=SY&country=IQ", "country", "repeated-parameter")]
    [InlineData("/api/tallies?claims=only", "claims", "bad-request")]
    public async Task Unknown_and_repeated_query_parameters_are_400s_naming_them(string url, string field, string code)
    {
        var response = await api.Client().GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await Body(response);
        (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()).Should().Be((field, code));
    }
}
