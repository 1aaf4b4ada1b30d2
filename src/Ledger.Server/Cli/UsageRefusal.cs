using System.CommandLine;
using System.CommandLine.Parsing;

namespace Ledger.Server.Cli;

/// <summary>
/// One line for a command line the ledger cannot run: the unknown command or option it names, and the closest
/// one the ledger has. System.CommandLine lets `--version` and `--help` clear a line's errors, so `ledger
/// import-ucpd FILE --version` printed the version and exited 0; a line with them and anything unknown is refused too.
/// </summary>
public static class UsageRefusal
{
    public static string? Of(RootCommand root, IReadOnlyList<string> args, ParseResult parsed)
    {
        if (args.Count > 0 && !args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
            return $"unknown command '{args[0]}'{Closest(args[0], root.Subcommands.Select(c => c.Name))}; ledger --help lists them";
        var command = parsed.CommandResult.Command;
        var path = command == root ? "ledger" : $"ledger {command.Name}";
        var at = command == root ? "" : $"{command.Name}: ";
        // Read from the line itself: an unknown option where an argument is expected is taken as the argument.
        var options = command.Options.Concat(root.Options).SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        if (command.TreatUnmatchedTokensAsErrors && args.Skip(1).FirstOrDefault(a => a.Length > 1 && a.StartsWith('-') && !options.Contains(a.Split('=')[0])) is { } unknown)
            return $"{at}unknown option '{unknown}'{Closest(unknown, options)}; {path} --help lists them";
        if (parsed.UnmatchedTokens.FirstOrDefault() is { } token)
            return $"{at}unexpected argument '{token}'; {path} --help says what it takes";
        if (parsed.Errors.Count > 0) return $"{at}{parsed.Errors[0].Message}";
        // --version stands alone; with a command or argument beside it, it would hide what is wrong with them.
        if (command == root && args.Count > 1 && args.Contains("--version")) return "--version takes nothing else; ledger --help lists the commands";
        return null;
    }

    private static string Closest(string given, IEnumerable<string> names)
    {
        var known = names.Distinct(StringComparer.Ordinal).ToList();
        // A longer form of a command ('import-ucpd') is closest to the command it starts with.
        if (known.Where(n => given.StartsWith(n + "-", StringComparison.OrdinalIgnoreCase)).MaxBy(n => n.Length) is { } stem)
            return $" (did you mean '{stem}'?)";
        var best = known
            .Select(n => (Name: n, Distance: Distance(given.ToLowerInvariant(), n)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, given.TrimStart('-').Length / 3) ? $" (did you mean '{best.Name}'?)" : "";
    }

    /// <summary>Edits (insert, delete, substitute, swap two neighbours) from one word to the other.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
