using System.Buffers.Binary;

namespace Activity.Grains.Ingest;

/// <summary>
/// Event ids: UUIDv7 (RFC 9562), so ids sort by the time they were received. The random bits come
/// from <see cref="Random.Shared"/>, not the kernel: an event id must be unique, not secret, and at
/// ingest rates a system call per id (what <see cref="Guid.CreateVersion7()"/> costs) shows.
/// </summary>
public static class EventIds
{
    /// <summary>A new id for an event received at <paramref name="receivedAt"/>.</summary>
    public static Guid New(DateTimeOffset receivedAt)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        var milliseconds = receivedAt.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(milliseconds >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)milliseconds);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // variant 10
        return new Guid(bytes, bigEndian: true);
    }
}
