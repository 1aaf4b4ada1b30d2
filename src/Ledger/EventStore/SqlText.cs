using System.Collections.Concurrent;
using System.Reflection;

namespace Ledger.EventStore;

/// <summary>SQL kept in embedded .sql files, loaded once by file name.</summary>
public static class SqlText
{
    private static readonly Assembly Assembly = typeof(SqlText).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static string Get(string fileName) => Cache.GetOrAdd(fileName, name =>
    {
        var resource = Assembly.GetManifestResourceNames().SingleOrDefault(r => r.EndsWith("/" + name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no embedded SQL named {name}");
        return Read(resource);
    });

    /// <summary>Scripts whose path holds a folder (e.g. "/Sql/Schema/"), ordered by file name
    /// ("001_...", "002_..."), wherever in the tree they live.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts(string folder) =>
        Assembly.GetManifestResourceNames()
            .Where(r => r.Contains(folder, StringComparison.Ordinal))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .Select(r => (Path.GetFileName(r), Read(r)))
            .ToList();

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
