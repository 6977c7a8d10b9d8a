using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Activity.Abstractions.Ingest;

namespace Activity.Grains.Ingest;

/// <summary>
/// The optional audit-trail fields of an event (sign-ins with their IP address, project actions with
/// status, environment and request id), and their rules.
/// </summary>
/// <param name="Status">An outcome such as "success" or "failed" (at most 32 characters).</param>
/// <param name="Environment">Where it happened, such as "production" (at most 32).</param>
/// <param name="RequestId">The sender's request or trace id (at most 128).</param>
/// <param name="IpAddress">The client's IPv4 or IPv6 address, in its canonical form.</param>
/// <param name="Details">Free text (at most 2,000 characters).</param>
public sealed record AuditFields(string? Status, string? Environment, string? RequestId, string? IpAddress, string? Details)
{
    /// <summary>The longest status.</summary>
    public const int MaxStatusLength = 32;

    /// <summary>The longest environment.</summary>
    public const int MaxEnvironmentLength = 32;

    /// <summary>The longest request id.</summary>
    public const int MaxRequestIdLength = 128;

    /// <summary>The longest IP address as sent (an IPv6 address with an IPv4 tail is at most 45).</summary>
    public const int MaxIpLength = 64;

    /// <summary>The longest details.</summary>
    public const int MaxDetailsLength = 2000;

    /// <summary>The audit fields of a checked event, or null when none is set.</summary>
    public static AuditFields? Of(EventInput input) =>
        input is { Status: null, Environment: null, RequestId: null, IpAddress: null, Details: null }
            ? null
            : new AuditFields(input.Status, input.Environment, input.RequestId, input.IpAddress is { } ip ? CanonicalIp(ip) : null, input.Details);

    /// <summary>
    /// Why <paramref name="text"/> is not an IP address. Only the usual forms count: four dotted decimal
    /// numbers, or IPv6 (which holds a ':'); "1" or "0x7f.1", which the platform would also read, do not.
    /// </summary>
    public static string? IpProblem(string text)
    {
        var valid = IPAddress.TryParse(text, out var address) && address.AddressFamily switch
        {
            AddressFamily.InterNetwork => text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)),
            AddressFamily.InterNetworkV6 => text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal),
            _ => false,
        };
        return valid ? null : string.Create(CultureInfo.InvariantCulture, $"'{text}' is not an IPv4 address (such as 203.0.113.7) or an IPv6 address (such as 2001:db8::1).");
    }

    private static string CanonicalIp(string text) => IPAddress.Parse(text).ToString();
}
