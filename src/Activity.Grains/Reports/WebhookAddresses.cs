using System.Net;
using System.Net.Sockets;

namespace Activity.Grains.Reports;

/// <summary>
/// Where a tenant's webhook may point. A tenant names the URL and the silo makes the call, so without this
/// a tenant could make the silo call what only the silo can reach: itself, the database, the cloud's
/// metadata service, the private network. Refused: loopback, private (RFC 1918, carrier-grade NAT, IPv6
/// unique local), link-local, multicast, unspecified, reserved and benchmarking ranges, also when written
/// as IPv4-mapped, NAT64 or 6to4 IPv6; unless the operator allows a network
/// (<see cref="ReportsOptions.AllowedWebhookNetworks"/>). Checked when a template is saved and again on
/// the address each connection actually dials, so a name that later resolves elsewhere gains nothing.
/// </summary>
public static class WebhookAddresses
{
    private static readonly IPNetwork[] Refused = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "::1/128", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    }.Select(n => IPNetwork.Parse(n))];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Whether a webhook may not reach <paramref name="address"/>.</summary>
    public static bool IsRefused(IPAddress address, IReadOnlyList<IPNetwork> allowed)
    {
        foreach (var form in Forms(address))
        {
            if (!allowed.Any(n => n.Contains(form)) && Refused.Any(n => n.Contains(form)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why the silo will not call <paramref name="url"/>, or null when it may try. Addresses written into
    /// the URL (also as <c>2130706433</c>, <c>0x7f.0.0.1</c> or <c>127.1</c>, which URL parsers read as
    /// 127.0.0.1) and <c>localhost</c> are checked here; names are checked when they are dialled.
    /// </summary>
    public static string? Problem(string url, ReportsOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"'{url}' is not an http(s) URL.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !options.AllowHttpWebhooks)
        {
            return $"'{url}' is plain http; webhooks must be https (an operator can allow http with Activity:Reports:AllowHttpWebhooks).";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return $"A webhook URL cannot carry a user name or password; sign-in is the webhook signature's job.";
        }

        IPAddress[] addresses = uri.HostNameType switch
        {
            UriHostNameType.IPv4 or UriHostNameType.IPv6 => [IPAddress.Parse(uri.IdnHost.Trim('[', ']'))],
            _ when uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) => [IPAddress.Loopback, IPAddress.IPv6Loopback],
            _ => [],
        };
        return addresses.Any(a => IsRefused(a, options.AllowedNetworks))
            ? $"'{url}' points to a loopback, private, link-local or otherwise internal address, which webhooks may not reach (an operator can allow networks with Activity:Reports:AllowedWebhookNetworks)."
            : null;
    }

    // The address and any IPv4 address it carries.
    private static IEnumerable<IPAddress> Forms(IPAddress address)
    {
        yield return address;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            yield break;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            yield return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            yield return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (SixToFour.Contains(address))
        {
            yield return new IPAddress(bytes.AsSpan(2, 4));
        }
    }
}
