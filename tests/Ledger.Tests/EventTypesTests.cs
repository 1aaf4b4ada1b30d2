using System.Collections.Immutable;
using System.Text.Json;
using Ledger.Serialization;
using Ledger.Sources;

namespace Ledger.Tests;

/// <summary>The map of stored type names, and the JSON dialect's sorted dictionaries (the mutation run found these
/// reached only through the happy path).</summary>
public sealed class EventTypesTests
{
    private sealed record Renamed(string Text);

    [Fact]
    public void A_type_stored_under_an_older_name_keeps_that_name_both_ways()
    {
        var types = new EventTypes().Register<Renamed>("TextNoted");
        types.NameOf(new Renamed("a")).Should().Be("TextNoted");
        types.Deserialize("TextNoted", """{"text":"a"}""").Should().Be(new Renamed("a"));
        types.All.Should().Equal(("TextNoted", typeof(Renamed)));
    }

    [Fact]
    public void Without_a_name_a_type_is_stored_under_its_record_name()
    {
        EventTypes.Ledger.NameOf(new SourceRegistered("sohr", "SOHR", SourceKind.Monitor, null, null)).Should().Be("SourceRegistered");
    }

    [Fact]
    public void An_unregistered_record_an_unknown_name_and_null_data_are_refused_by_name()
    {
        var types = new EventTypes().Register<Renamed>();
        FluentActions.Invoking(() => types.NameOf("not an event")).Should().Throw<InvalidOperationException>()
            .WithMessage("String is not a registered event type");
        FluentActions.Invoking(() => types.Deserialize("Nothing", "{}")).Should().Throw<InvalidDataException>()
            .WithMessage("unknown event type Nothing");
        FluentActions.Invoking(() => types.Deserialize("Renamed", "null")).Should().Throw<InvalidDataException>()
            .WithMessage("event of type Renamed has null data");
    }

    [Fact]
    public void String_keyed_sorted_dictionaries_read_back_in_ordinal_order()
    {
        // Ordinal (upper case, then "_", then lower case), with the very comparer the folds build them with: a state
        // read back from JSON must be the value a fold makes.
        var read = JsonSerializer.Deserialize<ImmutableSortedDictionary<string, int>>("""{"b":1,"_":2,"B":3,"a":4}""", LedgerJson.Options)!;
        read.Keys.Should().Equal("B", "_", "a", "b");
        read.KeyComparer.Should().BeSameAs(StringComparer.Ordinal);
        JsonSerializer.Serialize(read, LedgerJson.Options).Should().Be("""{"B":3,"_":2,"a":4,"b":1}""");
    }

    [Fact]
    public void Only_string_keyed_sorted_dictionaries_are_taken_over()
    {
        var converter = new OrdinalSortedDictionaryConverter();
        converter.CanConvert(typeof(ImmutableSortedDictionary<string, int>)).Should().BeTrue();
        converter.CanConvert(typeof(ImmutableSortedDictionary<int, string>)).Should().BeFalse();
        converter.CanConvert(typeof(ImmutableDictionary<string, int>)).Should().BeFalse();
        converter.CanConvert(typeof(string)).Should().BeFalse();
    }
}
