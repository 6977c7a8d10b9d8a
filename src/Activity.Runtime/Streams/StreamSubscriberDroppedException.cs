namespace Activity.Runtime.Streams;

/// <summary>
/// The subscriber fell more than its buffer capacity behind the publisher and was unsubscribed.
/// It has received every item up to <see cref="LastDeliveredSequence"/>; it should resubscribe and
/// catch up from durable storage (an SSE client reconnects with its last event id).
/// </summary>
public sealed class StreamSubscriberDroppedException(StreamId streamId, long lastDeliveredSequence, int capacity)
    : Exception($"Subscriber of stream {streamId} fell {capacity} items behind and was dropped after item {lastDeliveredSequence}; resubscribe and catch up from storage.")
{
    /// <summary>The stream.</summary>
    public StreamId StreamId { get; } = streamId;

    /// <summary>The last item the subscriber was given (0 when none).</summary>
    public long LastDeliveredSequence { get; } = lastDeliveredSequence;
}
