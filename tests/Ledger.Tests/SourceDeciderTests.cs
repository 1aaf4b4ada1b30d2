using Ledger.Sources;

namespace Ledger.Tests;

/// <summary>Registering a source: once per id, with a valid id, name, address and rank; the mutation run found the
/// source decider reached by no unit test.</summary>
public sealed class SourceDeciderTests
{
    private static readonly EventContext Context = new(1, 1, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), "t");

    [Fact]
    public void A_new_source_is_registered_as_given_and_folds_to_its_state()
    {
        var d = SourceDecider.Decide(new RegisterSource("sohr", "Syrian Observatory for Human Rights", SourceKind.Monitor, "https://www.syriahr.com", 2),
            SourceState.Initial);
        d.Error.Should().BeNull();
        d.Events.Should().Equal(new SourceRegistered("sohr", "Syrian Observatory for Human Rights", SourceKind.Monitor, "https://www.syriahr.com", 2));

        var state = SourceState.Initial.Apply(d.Events[0], Context);
        state.Should().Be(new SourceState("sohr", "Syrian Observatory for Human Rights", SourceKind.Monitor, "https://www.syriahr.com", 2));
        state.Exists.Should().BeTrue();
        state.EffectiveRank.Should().Be(2, "its own rank wins over its kind's");
    }

    [Fact]
    public void Without_a_rank_of_its_own_a_source_ranks_as_its_kind()
    {
        var state = SourceState.Initial.Apply(new SourceRegistered("amaq", "Amaq", SourceKind.ArmedGroup, null, null), Context);
        state.EffectiveRank.Should().Be(5);
        SourceState.Initial.Exists.Should().BeFalse();
        SourceState.Initial.EffectiveRank.Should().Be(1, "the initial state is a monitor's");
    }

    private sealed record NotASourceEvent : ISourceEvent;

    [Fact]
    public void A_source_refuses_to_fold_an_event_it_does_not_know_and_names_it()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => SourceState.Initial.Apply(new NotASourceEvent(), Context));
        refused.ParamName.Should().Be("e");
        refused.ActualValue.Should().Be(nameof(NotASourceEvent));
        refused.Message.Should().StartWith("not a source event");
    }

    [Fact]
    public void A_source_id_is_registered_once()
    {
        var registered = SourceState.Initial.Apply(new SourceRegistered("sohr", "SOHR", SourceKind.Monitor, null, null), Context);
        var d = SourceDecider.Decide(new RegisterSource("sohr", "Another", SourceKind.NewsAgency), registered);
        d.Events.Should().BeEmpty();
        d.Error.Should().Be(new DomainError(DomainErrorKind.Conflict, "source-exists", "source sohr is already registered", "id"));
    }

    [Theory]
    [InlineData("-bad", "Name", null, null, "id")]
    [InlineData("ok", " ", null, null, "name")]
    [InlineData("ok", "Name", "ftp://example.org", null, "url")]
    [InlineData("ok", "Name", null, 0, "rank")]
    [InlineData("ok", "Name", null, 101, "rank")]
    [InlineData("-bad", " ", "ftp://example.org", 0, "id")]
    [InlineData("ok", " ", "ftp://example.org", 0, "name")]
    [InlineData("ok", "Name", "ftp://example.org", 0, "url")]
    public void Bad_input_is_refused_naming_the_first_field_at_fault(string id, string name, string? url, int? rank, string field)
    {
        var d = SourceDecider.Decide(new RegisterSource(id, name, SourceKind.Monitor, url, rank), SourceState.Initial);
        d.Events.Should().BeEmpty();
        d.Error.Should().NotBeNull();
        d.Error!.Kind.Should().Be(DomainErrorKind.Invalid);
        d.Error.Field.Should().Be(field);
        if (field == "rank") d.Error.Message.Should().Be("rank must be between 1 (first) and 100");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(null)]
    public void Ranks_from_1_to_100_or_none_are_taken(int? rank) =>
        SourceDecider.Decide(new RegisterSource("ok", "Name", SourceKind.Monitor, null, rank), SourceState.Initial).Error.Should().BeNull();

    [Fact]
    public void The_source_stream_kind_decides_and_folds_through_the_same_functions()
    {
        SourceDecider.Kind.StreamFor("sohr").Should().Be("source-sohr");
        var state = SourceDecider.Kind.Evolve(SourceDecider.Kind.InitialState, new SourceRegistered("sohr", "SOHR", SourceKind.Monitor, null, 3), Context);
        state.Rank.Should().Be(3);
        SourceDecider.Kind.Decide(new RegisterSource("sohr", "SOHR", SourceKind.Monitor), state, Context.RecordedAt).Error!.Code.Should().Be("source-exists");
    }
}
