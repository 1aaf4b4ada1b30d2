using System.Text;
using Ledger.EventStore;

namespace Ledger.Tests;

public sealed class CanonicalJsonTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(EventHash.CanonicalData(json));

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("100", "100")]
    [InlineData("1e2", "100")]
    [InlineData("1.5E1", "15")]
    [InlineData("1E-05", "0.00001")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("-12.340", "-12.34")]
    [InlineData("0.001", "0.001")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("35.0", "35")]
    public void Numbers_are_plain_decimals_without_trailing_zeros(string raw, string canonical) =>
        CanonicalJson.Number(raw).Should().Be(canonical);

    [Fact]
    public void Keys_are_sorted_and_whitespace_dropped_at_every_depth() =>
        Canonical("""{ "b": [ {"y": 1, "x": 2} ], "a": null, "B": true }""").Should().Be("""{"B":true,"a":null,"b":[{"x":2,"y":1}]}""");

    [Fact]
    public void Strings_have_one_escaping_whatever_the_input_used() =>
        Canonical("""{"s": "\u00e9\t\"\\\/\u0001 ☃"}""").Should().Be("{\"s\":\"é\\t\\\"\\\\/\\u0001 ☃\"}");

    [Fact]
    public void What_jsonb_prints_back_is_canonically_the_same_as_what_we_wrote() =>
        Canonical("""{"value": {"kind": "range", "low": 950, "high": 975}, "lat": 34.5600}""")
            .Should().Be(Canonical("""{"lat":34.56,"value":{"high":975,"kind":"range","low":950}}"""));

    [Fact]
    public void Duplicate_keys_have_no_canonical_form() =>
        FluentActions.Invoking(() => Canonical("""{"b":0,"a":1,"a":2}""")).Should().Throw<FormatException>().WithMessage("duplicate key \"a\"*");

    [Fact]
    public void Every_control_character_has_its_one_escape() =>
        Canonical("[\"\\r\\b\\f\\n\\t\\u001f\"]").Should().Be("[\"\\r\\b\\f\\n\\t\\u001f\"]");

    [Fact]
    public void A_number_beyond_four_hundred_decimal_places_is_refused()
    {
        CanonicalJson.Number("1e400").Should().Be("1" + new string('0', 400));
        FluentActions.Invoking(() => CanonicalJson.Number("1e401")).Should().Throw<FormatException>().WithMessage("*1e401*range*");
    }

    [Fact]
    public void The_hash_chains_on_the_previous_hash_and_covers_every_field()
    {
        var id = Guid.NewGuid();
        var t = new DateTimeOffset(2024, 1, 9, 10, 0, 0, TimeSpan.Zero);
        var h1 = EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "T", """{"n":1}""", t, "k", null, null);
        var variants = new[]
        {
            EventHash.Compute(h1, id, "incident-a", 1, "T", """{"n":1}""", t, "k", null, null),
            EventHash.Compute(EventHash.Genesis, Guid.NewGuid(), "incident-a", 1, "T", """{"n":1}""", t, "k", null, null),
            EventHash.Compute(EventHash.Genesis, id, "incident-b", 1, "T", """{"n":1}""", t, "k", null, null),
            EventHash.Compute(EventHash.Genesis, id, "incident-a", 2, "T", """{"n":1}""", t, "k", null, null),
            EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "U", """{"n":1}""", t, "k", null, null),
            EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "T", """{"n":2}""", t, "k", null, null),
            EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "T", """{"n":1}""", t.AddTicks(10), "k", null, null),
            EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "T", """{"n":1}""", t, "other", null, null),
            EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "T", """{"n":1}""", t, "k", "c", null),
            EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "T", """{"n":1}""", t, "k", null, "c"),
        };
        variants.Select(Convert.ToHexString).Should().OnlyHaveUniqueItems().And.NotContain(Convert.ToHexString(h1));
        EventHash.Compute(EventHash.Genesis, id, "incident-a", 1, "T", """{ "n" : 1.0 }""", t, "k", null, null).Should().Equal(h1);
    }

    [Fact]
    public void The_hash_is_sha256_of_the_previous_hash_and_the_envelope_written_out_by_hand()
    {
        var id = Guid.Parse("6f1c2a4e-0b7d-4c1e-9a55-3d2e1f0a9b8c");
        var t = new DateTimeOffset(2024, 1, 9, 10, 0, 0, TimeSpan.Zero).AddTicks(12340);
        var previous = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        // The documented envelope: keys in ordinal order, nulls as null, microseconds in UTC.
        var envelope = "{\"data\":{\"a\":1,\"b\":[true,null]},\"eventId\":\"6f1c2a4e-0b7d-4c1e-9a55-3d2e1f0a9b8c\",\"metadata\":{\"causationId\":null,"
            + "\"correlationId\":null,\"recordedAt\":\"2024-01-09T10:00:00.001234Z\",\"recordedBy\":\"k\"},\"stream\":\"incident-a\",\"type\":\"T\",\"version\":3}";
        var expected = System.Security.Cryptography.SHA256.HashData([.. previous, .. System.Text.Encoding.UTF8.GetBytes(envelope)]);
        EventHash.Compute(previous, id, "incident-a", 3, "T", """{"b":[true,null],"a":1}""", t, "k", null, null).Should().Equal(expected);
        var withIds = envelope.Replace("\"causationId\":null,\"correlationId\":null", "\"causationId\":\"c\",\"correlationId\":\"r\"");
        EventHash.Compute(previous, id, "incident-a", 3, "T", """{"a":1,"b":[true,null]}""", t, "k", "r", "c")
            .Should().Equal(System.Security.Cryptography.SHA256.HashData([.. previous, .. System.Text.Encoding.UTF8.GetBytes(withIds)]));
    }

    /// <summary>A writer that hands out exactly the span asked for (ArrayBufferWriter hands out more, which hid a
    /// short request from the mutation run): a string of three-byte characters fills what WriteString asks for.</summary>
    private sealed class ExactWriter : System.Buffers.IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private byte[] _span = [];
        public byte[] Written => [.. _written];
        public void Advance(int count) => _written.AddRange(_span[..count]);
        public Memory<byte> GetMemory(int sizeHint = 0) => _span = new byte[sizeHint];
        public Span<byte> GetSpan(int sizeHint = 0) => _span = new byte[sizeHint];
    }

    [Theory]
    [InlineData("€€€")]
    [InlineData("")]
    [InlineData("دير الزور")]
    public void A_string_is_written_in_the_span_it_asks_for_quotes_included(string text)
    {
        var writer = new ExactWriter();
        CanonicalJson.WriteString(text, writer);
        Encoding.UTF8.GetString(writer.Written).Should().Be("\"" + text + "\"");
    }
}
