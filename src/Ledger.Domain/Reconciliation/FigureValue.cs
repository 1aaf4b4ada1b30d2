using System.Text.Json.Serialization;

namespace Ledger.Reconciliation;

/// <summary>
/// One source's number as it was given: "at least 14", "950 to 975", "numerous". Each kind maps to an
/// <see cref="Estimate"/> by docs/CONTRACT.md §1 rule 2; unquantified values have none.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ExactValue), "exact")]
[JsonDerivedType(typeof(AtLeastValue), "atLeast")]
[JsonDerivedType(typeof(AtMostValue), "atMost")]
[JsonDerivedType(typeof(ApproximateValue), "approximate")]
[JsonDerivedType(typeof(RangeValue), "range")]
[JsonDerivedType(typeof(UnquantifiedValue), "unquantified")]
public abstract record FigureValue
{
    /// <summary>The words a bound or an approximation came in, when they are not the plain "at least" or "about":
    /// "over" 344, "nearly" 550, "more than" 20. Shown with the number; the estimate is the kind's.</summary>
    public string? Wording { get; init; }

    /// <summary>A value's words: its own wording, else the kind's.</summary>
    protected string Words(string plain) => Wording ?? plain;

    private DomainError? CheckWording(string field) =>
        Wording is null ? null : FreeText.Check(Wording, field + ".wording", 40, required: true);

    /// <summary>The (low, best, high) this value stands for, or null when it gives no number.</summary>
    public abstract Estimate? ToEstimate();

    /// <summary>Why this value cannot be stored, naming the field, or null when it is sound: its numbers first, then
    /// its wording, which every kind may carry and none may store unchecked.</summary>
    public DomainError? Validate(string field) => ValidateNumbers(field) ?? CheckWording(field);

    protected abstract DomainError? ValidateNumbers(string field);

    protected static DomainError? NonNegative(long n, string field) =>
        n < 0 ? DomainError.Invalid(field, $"{field} must be a count of zero or more, not {n}") : null;
}

public sealed record ExactValue(int Value) : FigureValue
{
    public override Estimate? ToEstimate() => new Estimate(Value, Value, Value);
    protected override DomainError? ValidateNumbers(string field) => NonNegative(Value, field + ".value");
    public override string ToString() => $"{Value}";
}

public sealed record AtLeastValue(int Value) : FigureValue
{
    public override Estimate? ToEstimate() => new Estimate(Value, Value, Value);
    protected override DomainError? ValidateNumbers(string field) => NonNegative(Value, field + ".value");
    public override string ToString() => $"{Words("at least")} {Value}";
}

public sealed record AtMostValue(int Value) : FigureValue
{
    public override Estimate? ToEstimate() => new Estimate(0, Value, Value);
    protected override DomainError? ValidateNumbers(string field) => NonNegative(Value, field + ".value");
    public override string ToString() => $"{Words("at most")} {Value}";
}

public sealed record ApproximateValue(int Value) : FigureValue
{
    public override Estimate? ToEstimate() => new Estimate(Value, Value, Value);
    protected override DomainError? ValidateNumbers(string field) => NonNegative(Value, field + ".value");
    public override string ToString() => $"{Words("about")} {Value}";
}

public sealed record RangeValue(int Low, int High) : FigureValue
{
    // floor((a+b)/2) without overflow; a and b are non-negative once validated.
    public override Estimate? ToEstimate() => new Estimate(Low, ((long)Low + High) / 2, High);

    protected override DomainError? ValidateNumbers(string field) =>
        NonNegative(Low, field + ".low") ?? NonNegative(High, field + ".high")
        ?? (Low > High ? DomainError.Invalid(field, $"{field}: low ({Low}) is greater than high ({High})") : null);

    public override string ToString() => $"{Low} to {High}";
}

public sealed record UnquantifiedValue(string Text) : FigureValue
{
    public override Estimate? ToEstimate() => null;

    protected override DomainError? ValidateNumbers(string field) =>
        string.IsNullOrWhiteSpace(Text) ? DomainError.Invalid(field + ".text", $"{field}.text must say what the source said, e.g. \"numerous\"")
        : Text.Length > 500 ? DomainError.Invalid(field + ".text", $"{field}.text is longer than 500 characters")
        : null;

    public override string ToString() => $"\"{Text}\"";
}
