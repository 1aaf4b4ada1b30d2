namespace Ledger.Testing;

/// <summary>The checkout the tests run from: its ops/ scripts, README and Ledger.sln.</summary>
internal static class Checkout
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the tests run outside a checkout: no Ledger.sln above " + AppContext.BaseDirectory);
    }
}
