using System.Diagnostics;

namespace Ledger.IntegrationTests;

/// <summary>ops/pg never puts a password on a command line: any user of the host reads every process's arguments
/// (`ps`). It sets each role's password on every start, so a start is watched while it runs.</summary>
public sealed class OpsSecretsTests
{
    [Fact]
    public async Task A_start_of_the_private_cluster_shows_no_password_in_any_process_list()
    {
        var root = Testing.Checkout.Root;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var start = Process.Start(new ProcessStartInfo(Path.Combine(root, "ops", "pg"), "start") { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = start.StandardOutput.ReadToEndAsync();
        var error = start.StandardError.ReadToEndAsync();
        // What `ps` would show, sampled as fast as /proc allows until the start is over: a psql that lives 20 ms is caught.
        while (!start.HasExited)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try { if (File.ReadAllText(Path.Combine(dir, "cmdline")) is { Length: > 0 } args) seen.Add(args.Replace('\0', ' ')); }
                catch (IOException) { /* the process ended meanwhile */ }
                catch (UnauthorizedAccessException) { }
            }
        }
        await output;
        start.ExitCode.Should().Be(0, await error);
        seen.Should().Contain(s => s.Contains("psql"), "the sampling saw ops/pg's own psql calls, so an absence means something");
        foreach (var role in new[] { "superuser", "owner", "app" })
        {
            var password = Password(root, role);
            password.Length.Should().BeGreaterThan(16);
            seen.Where(s => s.Contains(password, StringComparison.Ordinal)).Should().BeEmpty($"the {role}'s password is on no command line");
        }
    }

    private static string Password(string root, string role)
    {
        using var url = Process.Start(new ProcessStartInfo(Path.Combine(root, "ops", "pg"), $"url ledger {role}") { RedirectStandardOutput = true })!;
        var text = url.StandardOutput.ReadToEnd();
        url.WaitForExit();
        return new Npgsql.NpgsqlConnectionStringBuilder(text.Trim()).Password!;
    }

}
