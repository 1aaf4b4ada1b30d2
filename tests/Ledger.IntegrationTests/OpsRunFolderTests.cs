using System.Diagnostics;

namespace Ledger.IntegrationTests;

/// <summary>ops/up keeps the ledger's pid, log and admin key in a folder only its user can write, and signals a pid
/// only when that process is its own `ledger.dll serve`: another user of the host can neither plant a key nor make
/// `ops/up stop` kill a process of its choice.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the folder's mode is what is tested
public sealed class OpsRunFolderTests
{
    [Fact]
    public async Task Stop_signals_no_process_that_is_not_the_ledger()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-run-");
        File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var bystander = Process.Start(new ProcessStartInfo("sleep", "120"))!;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "ledger.pid"), bystander.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (code, error) = await Up("stop", folder.FullName);
            code.Should().Be(0);
            error.Should().Contain("names no ledger of ours");
            bystander.HasExited.Should().BeFalse("a pid file is no proof: the process is checked before it is signalled");
        }
        finally
        {
            bystander.Kill();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_run_folder_that_others_can_write_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("ledger-run-");
        try
        {
            File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_111_111); // 0777: anyone may plant a key here
            var (code, error) = await Up("stop", folder.FullName);
            code.Should().Be(1);
            error.Should().Contain("no one else can write");
        }
        finally { folder.Delete(recursive: true); }
    }

    private static async Task<(int Code, string Error)> Up(string args, string runFolder)
    {
        var info = new ProcessStartInfo(Path.Combine(Testing.Checkout.Root, "ops", "up"), args) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_RUN_DIR"] = runFolder;
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await output;
        return (p.ExitCode, error);
    }

}
