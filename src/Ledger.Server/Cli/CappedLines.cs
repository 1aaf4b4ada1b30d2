using System.Text;

namespace Ledger.Server.Cli;

/// <summary>A line of an import file, or the news that it ran past the cap (its text is then dropped, never held).</summary>
public readonly record struct CappedLine(string Text, bool TooLong);

/// <summary>Reads lines of at most a given length: TextReader.ReadLine would hold a 150 MB line whole.</summary>
public static class CappedLines
{
    public static Task<CappedLine?> ReadAsync(TextReader input, int max, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Read(input, max));
    }

    /// <summary>One character at a time from the reader's own buffer: cheap, and never more than the cap held.</summary>
    public static CappedLine? Read(TextReader input, int max)
    {
        var line = new StringBuilder();
        var any = false;
        var tooLong = false;
        int read;
        while ((read = input.Read()) >= 0)
        {
            any = true;
            var c = (char)read;
            if (c == '\n') break;
            if (tooLong) continue;
            if (line.Length >= max) { tooLong = true; line.Clear(); continue; }
            line.Append(c);
        }
        if (!any) return null;
        if (line.Length > 0 && line[^1] == '\r') line.Length--;
        return new CappedLine(tooLong ? "" : line.ToString(), tooLong);
    }
}
