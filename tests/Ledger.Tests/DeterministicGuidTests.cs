using Ledger.Grains;

namespace Ledger.Tests;

public sealed class DeterministicGuidTests
{
    [Fact]
    public void Matches_the_rfc_version_5_vector() =>
        // uuid5(NAMESPACE_DNS, "python.org"), as Python's uuid module computes it.
        DeterministicGuid.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org")
            .Should().Be(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));

    [Fact]
    public void The_same_name_gives_the_same_id_and_another_name_another() =>
        DeterministicGuid.Create(DeterministicGuid.LedgerNamespace, "a/b/0")
            .Should().Be(DeterministicGuid.Create(DeterministicGuid.LedgerNamespace, "a/b/0"))
            .And.NotBe(DeterministicGuid.Create(DeterministicGuid.LedgerNamespace, "a/b/1"));

    [Fact]
    public void An_events_id_is_named_by_its_stream_command_and_index()
    {
        DeterministicGuid.ForEvent("incident-a", "cmd-1", 0).Should().Be(DeterministicGuid.Create(DeterministicGuid.LedgerNamespace, "incident-a/cmd-1/0"));
        new[] { DeterministicGuid.ForEvent("incident-a", "cmd-1", 0), DeterministicGuid.ForEvent("incident-a", "cmd-1", 1),
                DeterministicGuid.ForEvent("incident-b", "cmd-1", 0), DeterministicGuid.ForEvent("incident-a", "cmd-2", 0) }
            .Should().OnlyHaveUniqueItems();
    }
}
