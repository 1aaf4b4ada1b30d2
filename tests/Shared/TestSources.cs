using Ledger.Incidents;
using Ledger.Sources;

namespace Ledger.Testing;

/// <summary>The sources tests report with, as the registry knows them: a monitor, an armed group's outlet, a news
/// agency and a government agency (the fixtures of the API register the same four).</summary>
internal static class TestSources
{
    public static readonly SourceRef Sohr = SourceRef.Of("sohr", SourceKind.Monitor);
    public static readonly SourceRef Amaq = SourceRef.Of("amaq", SourceKind.ArmedGroup);
    public static readonly SourceRef Afp = SourceRef.Of("afp", SourceKind.NewsAgency);
    public static readonly SourceRef Sana = SourceRef.Of("sana", SourceKind.Government);
}
