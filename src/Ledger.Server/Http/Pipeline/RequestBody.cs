using Ledger.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Ledger.Server.Http.Pipeline;

/// <summary>A request's body read whole, up to Ledger:MaxBodyBytes.</summary>
public sealed class RequestBody(IOptions<LedgerOptions> options)
{
    public long MaxBytes => options.Value.MaxBodyBytes;

    /// <summary>The body, or null when it is larger than the limit.</summary>
    public async Task<byte[]?> ReadAsync(HttpContext ctx)
    {
        var max = MaxBytes;
        if (ctx.Request.ContentLength > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public Reply TooLarge(string? field = null) => Problems.Of(413, "Payload too large", $"the body is larger than {MaxBytes} bytes", field);
}
