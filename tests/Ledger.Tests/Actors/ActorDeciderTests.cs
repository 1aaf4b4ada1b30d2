using Ledger.Actors;
using Ledger.Reconciliation;

namespace Ledger.Tests.Actors;

/// <summary>An actor's stream: registered once, its aliases added and removed, renamed with the old name kept as an
/// alias, merged into another; every change says why, and a merged actor changes no more.</summary>
public sealed class ActorDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly EventContext Context = new(1, 1, Now, "editor");

    private static RegisterActor Houthis(params string[] aliases) =>
        new("ansar-allah", "Ansar Allah", "أنصار الله", aliases, PartyClass.NonStateArmedGroups, ActorKind.ArmedGroup, "covering Yemen");

    private static ActorState Fold(params ActorCommand[] commands) => commands.Aggregate(ActorState.Initial, (state, c) =>
    {
        var d = ActorDecider.Decide(c, state, Now);
        d.Error.Should().BeNull(c.ToString());
        return d.Events.Aggregate(state, (s, e) => s.Apply(e, Context));
    });

    [Fact]
    public void An_actor_is_registered_with_its_names_and_the_reason()
    {
        var d = ActorDecider.Decide(Houthis("Houthis", "الحوثيون"), ActorState.Initial, Now);
        d.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new ActorRegistered("ansar-allah", "Ansar Allah", "أنصار الله", ["Houthis", "الحوثيون"],
            PartyClass.NonStateArmedGroups, ActorKind.ArmedGroup, "covering Yemen"));
        var state = Fold(Houthis("Houthis"));
        state.Names.Should().Equal("ansar-allah", "Ansar Allah", "أنصار الله", "Houthis");
        state.ToActor().PartyClass.Should().Be(PartyClass.NonStateArmedGroups);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("Ansar\u202EAllah", "name")]
    public void A_bad_name_is_refused_naming_the_field(string name, string field)
    {
        var d = ActorDecider.Decide(Houthis() with { Name = name }, ActorState.Initial, Now);
        d.Error!.Field.Should().Be(field);
    }

    [Fact]
    public void Registration_needs_a_slug_a_reason_and_a_real_predecessor_date()
    {
        ActorDecider.Decide(Houthis() with { ActorId = "Ansar Allah" }, ActorState.Initial, Now).Error!.Field.Should().Be("id");
        ActorDecider.Decide(Houthis() with { Reason = " " }, ActorState.Initial, Now).Error!.Field.Should().Be("reason");
        ActorDecider.Decide(Houthis() with { From = new DateOnly(2024, 1, 1) }, ActorState.Initial, Now).Error!.Field.Should().Be("from");
        ActorDecider.Decide(Houthis() with { Succeeds = "ansar-allah" }, ActorState.Initial, Now).Error!.Field.Should().Be("succeeds");
        ActorDecider.Decide(Houthis() with { Succeeds = "old-group", From = new DateOnly(2030, 1, 1) }, ActorState.Initial, Now).Error!.Field.Should().Be("from");
        ActorDecider.Decide(Houthis(), Fold(Houthis()), Now).Error!.Code.Should().Be("actor-exists");
    }

    [Fact]
    public void A_rename_keeps_the_old_names_as_aliases()
    {
        var state = Fold(Houthis(), new RenameActor("Houthi movement", "الحركة الحوثية", "the press name"));
        state.Name.Should().Be("Houthi movement");
        state.NameAr.Should().Be("الحركة الحوثية");
        state.Aliases.Should().Contain(["Ansar Allah", "أنصار الله"]);
        ActorDecider.Decide(new RenameActor("houthi movement", null, "again"), state, Now).Error!.Field.Should().Be("name");
    }

    [Fact]
    public void Aliases_are_added_once_and_removed_by_any_spelling()
    {
        var state = Fold(Houthis(), new AddActorAlias("Houthis", "press usage"));
        ActorDecider.Decide(new AddActorAlias("HOUTHIS", "again"), state, Now).Error!.Code.Should().Be("alias-exists");
        state = Fold(Houthis(), new AddActorAlias("Houthis", "press usage"), new RemoveActorAlias("houthis", "not theirs"));
        state.Aliases.Should().BeEmpty();
        ActorDecider.Decide(new RemoveActorAlias("Ansar Allah", "its name"), state, Now).Error!.Code.Should().Be("alias-not-found");
    }

    [Fact]
    public void A_merged_actor_changes_no_more_and_nothing_merges_into_itself()
    {
        ActorDecider.Decide(new MergeActor("ansar-allah", "same"), Fold(Houthis()), Now).Error!.Field.Should().Be("into");
        var merged = Fold(Houthis(), new MergeActor("yemen-rebels", "one group"));
        merged.MergedInto.Should().Be("yemen-rebels");
        ActorDecider.Decide(new AddActorAlias("Houthis", "late"), merged, Now).Error!.Code.Should().Be("actor-merged");
        ActorDecider.Decide(new AddActorAlias("Houthis", "late"), ActorState.Initial, Now).Error!.Code.Should().Be("actor-not-found");
    }
}
