using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Ledger.Server.Hosting;

/// <summary>Before a node starts: is any port it will listen on taken? Kestrel and Orleans would each fail with a stack
/// trace, Orleans only after retrying for half a minute; one line naming the port and the setting that moves it is
/// what an operator needs.</summary>
public static class PortCheck
{
    public static string? FirstTaken(WebApplication app)
    {
        // Only a node that will really listen: a test host serves in memory, on no port.
        if (!app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().GetType().Name.Contains("Kestrel", StringComparison.Ordinal)) return null;
        var options = app.Services.GetRequiredService<IOptions<LedgerOptions>>().Value;
        var urls = (app.Configuration["urls"] ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            // Kestrel's wildcards ("http://*:5080", "http://+:5080") are not URIs a parser takes.
            var parsed = url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0");
            if (!Uri.TryCreate(parsed, UriKind.Absolute, out var uri) || uri.Port == 0) continue;
            var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var a) ? a : IPAddress.Any;
            if (Taken(address, uri.Port)) return $"port {uri.Port} ({url}) is taken by another process; set LEDGER_URLS to move it, e.g. LEDGER_URLS=http://127.0.0.1:{uri.Port + 1}";
        }
        if (Taken(IPAddress.Any, options.SiloPort))
            return $"the Orleans silo port {options.SiloPort} is taken by another process; set LEDGER_SILO_PORT (Ledger:SiloPort) to move it";
        if (options.GatewayPort > 0 && Taken(IPAddress.Any, options.GatewayPort))
            return $"the Orleans gateway port {options.GatewayPort} is taken by another process; set LEDGER_GATEWAY_PORT (Ledger:GatewayPort) to move it, or 0 for none";
        return null;
    }

    private static bool Taken(IPAddress address, int port)
    {
        try
        {
            var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return true;
        }
    }
}
