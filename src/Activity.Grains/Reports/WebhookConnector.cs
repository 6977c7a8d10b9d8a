using System.Net;
using System.Net.Sockets;

namespace Activity.Grains.Reports;

/// <summary>
/// Opens a webhook's connection only to an address <see cref="WebhookAddresses"/> allows: the name is
/// resolved here and every address it gave is checked before one is dialled, so a DNS answer that
/// changes between the template's check and the call (rebinding) reaches nothing internal.
/// </summary>
internal static class WebhookConnector
{
    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> for the operator's allowed networks.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> For(Func<IReadOnlyList<IPNetwork>> allowed) =>
        (context, cancellationToken) => ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, allowed(), cancellationToken);

    /// <summary>A connection to <paramref name="host"/>, or <see cref="WebhookRefusedException"/> when it resolves to an address not allowed.</summary>
    public static async ValueTask<Stream> ConnectAsync(string host, int port, IReadOnlyList<IPNetwork> allowed, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0 || addresses.Any(a => WebhookAddresses.IsRefused(a, allowed)))
        {
            // Any refused answer refuses the name: dialling only the good ones would let a name that
            // mixes both reach the internal one on another try.
            throw new WebhookRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A webhook's address is one the silo may not call.</summary>
public sealed class WebhookRefusedException() : Exception("The webhook's address is one this service may not call.");
