using System.Net;
using System.Net.Sockets;

namespace Activity.Testing;

/// <summary>Local TCP ports nothing listens on, for silos and gateways of test silos that run side by side.</summary>
/// <remarks>
/// The ports come from below Linux's ephemeral range (32768 up): a port the system hands out for
/// listening on port 0 and then releases is soon handed out again as the local end of some outgoing
/// connection (to PostgreSQL, between silos), and a silo started on it minutes later cannot bind.
/// Each test process starts at its own random place in the range and checks a port binds before
/// handing it out; a collision between processes is still possible, so starters retry on one.
/// </remarks>
public static class FreePorts
{
    private const int First = 20_000;
    private const int Count = 12_000;
    private static int _next = Random.Shared.Next(Count);

    /// <summary>A port that was free a moment ago and that this process has not handed out before.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (Binds(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {First + Count}.");
    }

    private static bool Binds(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
