using System.Net;
using System.Net.Sockets;

namespace Ledger.Testing;

/// <summary>Ports for silos and servers that tests and benchmarks start side by side.</summary>
internal static class FreePorts
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
