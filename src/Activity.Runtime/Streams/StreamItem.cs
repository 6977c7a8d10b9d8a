using System.Text.Json;
using Activity.Runtime.Serialization;

namespace Activity.Runtime.Streams;

/// <summary>One item as a subscriber receives it: its JSON (shared by every subscriber) and its place in the stream.</summary>
/// <param name="Sequence">1, 2, 3... in publish order; a gap never appears within one subscription.</param>
/// <param name="Payload">The item as UTF-8 JSON, serialized once at publish. An SSE endpoint writes it as is.</param>
public readonly record struct StreamItem<T>(long Sequence, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Reads the item back from its JSON.</summary>
    public T Deserialize() => JsonSerializer.Deserialize<T>(Payload.Span, GrainJson.Options)!;
}
