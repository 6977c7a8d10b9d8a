using System.Buffers.Binary;

namespace Activity.Silo.Http;

/// <summary>
/// The opaque <c>nextCursor</c> of a page that runs newest first (the feed, the audit log): the position
/// of the page's last entry. Positions only grow, so paging by "below this position" never repeats or
/// skips an entry while new ones arrive.
/// </summary>
internal static class PageCursor
{
    private const byte Version = 1;

    public static string Encode(long position)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], position);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string text, out long position)
    {
        position = 0;
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        Span<byte> bytes = stackalloc byte[12];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != 9 || bytes[0] != Version)
        {
            return false;
        }

        position = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        return position > 0;
    }
}
