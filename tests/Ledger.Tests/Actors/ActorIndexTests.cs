using Ledger.Actors;
using Ledger.Reconciliation;

namespace Ledger.Tests.Actors;

/// <summary>The registry at a point of the log: any name finds the actor it names today, a merged actor's names and
/// id find the one it was merged into, a name two actors would share is refused, and an unknown name gets the
/// closest names.</summary>
public sealed class ActorIndexTests
{
    private static readonly EventContext Context = new(1, 1, DateTimeOffset.UnixEpoch, "editor");

    private static ActorState Actor(string id, string name, string? nameAr, params string[] aliases) =>
        ActorState.Initial.Apply(new ActorRegistered(id, name, nameAr, aliases, PartyClass.NonStateArmedGroups, ActorKind.ArmedGroup, "test"), Context);

    private static readonly ActorState Isis = Actor("isis", "Islamic State", "داعش", "ISIS", "Daesh", "ISIL");
    private static readonly ActorState Hts = Actor("hts", "Hay'at Tahrir al-Sham", "هيئة تحرير الشام", "HTS");

    [Theory]
    [InlineData("isis")]
    [InlineData("DAESH")]
    [InlineData("داعش")]
    [InlineData("Islamic  State")]
    public void Any_name_in_any_case_finds_the_actor(string name) =>
        new ActorIndex([Isis, Hts]).Resolve(name)!.Id.Should().Be("isis");

    [Fact]
    public void A_merged_actors_names_and_id_find_the_actor_it_was_merged_into_and_a_filter_covers_both()
    {
        var jabhat = Actor("jabhat-al-nusra", "Jabhat al-Nusra", "جبهة النصرة", "Nusra Front");
        var index = new ActorIndex([Hts, jabhat.Apply(new ActorMerged("jabhat-al-nusra", "hts", "became HTS"), Context)]);
        index.Resolve("Nusra Front")!.Id.Should().Be("hts");
        index.Resolve("jabhat-al-nusra")!.Id.Should().Be("hts");
        index.IdsOf(index.Resolve("hts")!).Should().Equal("hts", "jabhat-al-nusra");
        index.Standing.Select(a => a.Id).Should().Equal("hts");
        // Before the merge, each stands alone.
        var before = new ActorIndex([Hts, jabhat]);
        before.Resolve("Nusra Front")!.Id.Should().Be("jabhat-al-nusra");
        before.IdsOf(before.Resolve("hts")!).Should().Equal("hts");
    }

    [Fact]
    public void A_name_another_actor_holds_is_a_conflict_naming_it()
    {
        var index = new ActorIndex([Isis, Hts]);
        var clash = index.Check("hts", new AddActorAlias("daesh", "mistake"));
        clash!.Kind.Should().Be(DomainErrorKind.Conflict);
        clash.Message.Should().Contain("isis");
        index.Check("hts", new AddActorAlias("Tahrir al-Sham", "press usage")).Should().BeNull();
        index.Check("new-group", new RegisterActor("new-group", "New Group", null, ["ISIL"], PartyClass.NonStateArmedGroups, ActorKind.ArmedGroup, "x"))!
            .Field.Should().Be("aliases[0]");
    }

    [Fact]
    public void A_merge_needs_a_standing_target_and_makes_no_loop()
    {
        var index = new ActorIndex([Isis, Hts]);
        index.Check("hts", new MergeActor("no-such-group", "x"))!.Field.Should().Be("into");
        index.Check("hts", new MergeActor("isis", "x")).Should().BeNull();
        var merged = new ActorIndex([Isis, Hts.Apply(new ActorMerged("hts", "isis", "x"), Context)]);
        merged.Check("isis", new MergeActor("hts", "back")).Should().NotBeNull("hts stands for isis now: a loop");
    }

    [Fact]
    public void An_unknown_name_gets_the_closest_names()
    {
        var index = new ActorIndex([Isis, Hts, Actor("sdf", "Syrian Democratic Forces", null, "SDF")]);
        index.Resolve("Daeshh").Should().BeNull();
        index.Closest("Daeshh", 1).Should().Equal("isis");
        index.Suggest("Syrian Democratic Force").Should().StartWith("; closest: sdf");
    }
}
