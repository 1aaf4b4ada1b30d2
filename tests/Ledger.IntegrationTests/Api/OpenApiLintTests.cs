using System.Diagnostics;
using System.Text.Json;

using Ledger.Testing;

namespace Ledger.IntegrationTests.Api;

/// <summary>The served OpenAPI document passes Spectral's OpenAPI rules (.spectral.yaml) with nothing to say: every
/// operation has an id and a description, and every reference resolves, so client generators do not stop on it.
/// Spectral comes from the npm registry with the checkout's lock file (ops/test runs npm ci).</summary>
public sealed class OpenApiLintTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Spectral_finds_nothing_to_say_about_the_served_document()
    {
        var spectral = Path.Combine(Checkout.Root, "node_modules", ".bin", "spectral");
        File.Exists(spectral).Should().BeTrue("ops/test installs the linter with npm ci; run it once");
        var document = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await api.Client().GetStringAsync("/openapi/v1.json"));
        try
        {
            var info = new ProcessStartInfo(spectral, ["lint", document, "--ruleset", Path.Combine(Checkout.Root, ".spectral.yaml"), "--format", "json", "--quiet"])
                { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Checkout.Root };
            using var lint = Process.Start(info)!;
            var output = await lint.StandardOutput.ReadToEndAsync();
            var errors = await lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            var findings = output.Trim().Length == 0 ? [] : JsonDocument.Parse(output).RootElement.EnumerateArray()
                .Select(f => $"{f.GetProperty("code").GetString()} at {string.Join('.', f.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}: {f.GetProperty("message").GetString()}")
                .ToList();
            findings.Should().BeEmpty(errors);
            lint.ExitCode.Should().Be(0, errors);
        }
        finally
        {
            File.Delete(document);
        }
    }
}
