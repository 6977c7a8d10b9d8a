using System.Net;
using System.Net.Sockets;

namespace Activity.Testing;

/// <summary>Local TCP ports nothing listens on, for silos and gateways of test silos that run side by side.</summary>
public static class FreePorts
{
    /// <summary>A port the system just handed out and released.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
