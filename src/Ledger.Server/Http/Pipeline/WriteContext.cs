using System.Reflection;
using Ledger.Grains;

namespace Ledger.Server.Http.Pipeline;

/// <summary>What a write handler gets: the raw body, who writes, and the metadata its events will carry. Bound as a
/// handler parameter; filled by <see cref="WriteFilter"/> once the caller, the body and the headers have passed, so a
/// handler mapped without the filter fails closed instead of writing as nobody.</summary>
public sealed class WriteContext
{
    private readonly HttpContext? _http;
    private readonly Written? _written;

    private WriteContext(HttpContext http) => _http = http;

    public WriteContext(byte[] body, ApiKey key, CommandMetadata metadata) => _written = new Written(body, key, metadata);

    public byte[] Body => Value.Body;
    public ApiKey Key => Value.Key;
    public CommandMetadata Metadata => Value.Metadata;

    private Written Value => _written ?? _http!.Features.Get<Written>()
        ?? throw new InvalidOperationException("a write handler ran without the write filter (map it with .Writes(role))");

    public static ValueTask<WriteContext?> BindAsync(HttpContext ctx, ParameterInfo parameter) => ValueTask.FromResult<WriteContext?>(new WriteContext(ctx));

    internal static void Set(HttpContext ctx, byte[] body, ApiKey key, CommandMetadata metadata) => ctx.Features.Set(new Written(body, key, metadata));

    private sealed record Written(byte[] Body, ApiKey Key, CommandMetadata Metadata);
}
