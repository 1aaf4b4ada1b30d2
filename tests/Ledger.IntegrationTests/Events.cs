using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>Small builders for raw events in store tests.</summary>
internal static class Events
{
    public static EventData Make(string type = "Noted", string? data = null, string by = "tester", string? causation = null) =>
        new(Guid.NewGuid(), type, data ?? $$"""{"n": {{Random.Shared.Next(1000)}}, "text": "x"}""", new EventMetadata(by, "corr-1", causation));

    public static StreamAppend Append(string stream, long expected, params EventData[] events) => new(stream, expected, events);
}
