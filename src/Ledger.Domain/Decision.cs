namespace Ledger;

/// <summary>A decider's answer: the events a command produces, or why it was refused.</summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, DomainError? Error)
{
    public bool IsAccepted => Error is null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);
    public static Decision<TEvent> Accept(IReadOnlyList<TEvent> events) => new(events, null);
    public static Decision<TEvent> Refuse(DomainError error) => new([], error);

    public static implicit operator Decision<TEvent>(DomainError error) => Refuse(error);
}
