using Ledger.EventStore;

namespace Ledger.Releases;

/// <summary>A name for a point of the log, for citing: every read with <c>release=</c> answers as of
/// <see cref="Position"/>, now and after any later write. <see cref="Checkpoint"/> signs what the log held there.</summary>
public sealed record Release(string Name, long Position, DateTimeOffset? RecordedAt, string? Note, DateTimeOffset CreatedAt, string CreatedBy,
    Checkpoint? Checkpoint);

/// <summary>The name is taken: a release never changes.</summary>
public sealed class ReleaseExistsException(string name) : Exception($"release \"{name}\" exists; a release never changes: choose another name")
{
    public string Name { get; } = name;
}
