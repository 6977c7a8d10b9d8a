using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Activity.Domain.Dashboard;

/// <summary>
/// 64-bit hashes of the ids a dashboard only compares (who gave a vote, which item the user voted on,
/// which comment), kept instead of the ids: a dashboard holds hundreds of them, and a hash takes 8
/// bytes where a short string takes 40. Two ids of one dashboard colliding has odds of about
/// n²/2⁶⁵ (3 in 10¹⁰ for 100,000 ids); it would merge two items' counts or let a removal match the
/// wrong vote, never lose an event. XxHash64 of the UTF-16 text: the same in every process, so
/// snapshots hold hashes.
/// </summary>
internal static class IdHash
{
    /// <summary>The hash of no id (an item or comment id left out); no id hashes to it.</summary>
    public const long None = 0;

    /// <summary>The id's hash; <see cref="None"/> for null.</summary>
    public static long Of(string? id)
    {
        if (id is null)
        {
            return None;
        }

        var hash = unchecked((long)XxHash64.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan())));
        return hash == None ? 1 : hash;
    }
}
