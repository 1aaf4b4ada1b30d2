namespace Ledger;

public enum DomainErrorKind
{
    /// <summary>The request itself is wrong (HTTP 400/422).</summary>
    Invalid,
    /// <summary>Something the request names does not exist (HTTP 404).</summary>
    NotFound,
    /// <summary>The request clashes with what is recorded (HTTP 409).</summary>
    Conflict,
    /// <summary>The caller's expected version is stale (HTTP 412).</summary>
    PreconditionFailed,
}

/// <summary>Why a command was refused. <see cref="Field"/> names the offending input where there is one.</summary>
public sealed record DomainError(DomainErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static DomainError Invalid(string field, string message) => new(DomainErrorKind.Invalid, "invalid", message, field);
    public static DomainError NotFound(string code, string message, string? field = null) => new(DomainErrorKind.NotFound, code, message, field);
    public static DomainError Conflict(string code, string message, string? field = null) => new(DomainErrorKind.Conflict, code, message, field);

    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
