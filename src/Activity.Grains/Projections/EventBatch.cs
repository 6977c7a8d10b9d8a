using Activity.Domain.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Telemetry;

namespace Activity.Grains.Projections;

/// <summary>
/// Events of a tenant's log, in order: every event of the range <see cref="First"/>–<see cref="Last"/>
/// that the log holds (or, handed to one user's dashboard, every one of theirs).
/// </summary>
/// <param name="First">The first sequence the batch covers.</param>
/// <param name="Last">The last sequence the batch covers.</param>
/// <param name="Events">The events, in sequence order.</param>
/// <param name="Trace">The group commit's span, when an emit it wrote was sampled (<see cref="ActivityTracing"/>).</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.EventBatch")]
public sealed record EventBatch(
    [property: Id(0)] long First,
    [property: Id(1)] long Last,
    [property: Id(2)] IReadOnlyList<LoggedEvent> Events,
    [property: Id(3)] string? Trace = null) : ILogRange, ITraced
{
    /// <summary>A batch of consecutive events, as one write of the log appended them.</summary>
    public static EventBatch Of(IReadOnlyList<LoggedEvent> events) => new(events[0].Sequence, events[^1].Sequence, events);

    /// <summary>The events after <paramref name="checkpoint"/>, as a batch starting right after it.</summary>
    public EventBatch After(long checkpoint) => new(checkpoint + 1, Last, [.. Events.Where(e => e.Sequence > checkpoint)], Trace);

    /// <summary>
    /// What <paramref name="log"/> holds of the tenant after <paramref name="after"/>, up to
    /// <paramref name="upTo"/>, at most <paramref name="max"/> events: <see cref="IProjection{TBatch}.ReadAsync"/>
    /// for projections of a tenant's whole log.
    /// </summary>
    public static async Task<EventBatch?> ReadAsync(IEventLog log, string tenantId, long after, long upTo, int max, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Min(max, upTo - after);
        return Covering(await log.ReadAsync(tenantId, after, upTo, wanted, cancellationToken), after, upTo, wanted);
    }

    /// <summary>
    /// The batch a read of at most <paramref name="wanted"/> events after <paramref name="after"/> makes,
    /// up to <paramref name="upTo"/>; null when it found nothing before a boundless <paramref name="upTo"/>.
    /// A read that stops short of a finite <paramref name="upTo"/> covers it all the same: followers read
    /// no further than the log's high-water mark (or through a batch they were handed, which committed
    /// whole), below which what is missing was removed (erased, expired) or never written, not late.
    /// </summary>
    public static EventBatch? Covering(IReadOnlyList<LoggedEvent> events, long after, long upTo, int wanted)
    {
        IReadOnlyList<LoggedEvent> within = events.Count > 0 && events[^1].Sequence > upTo ? [.. events.Where(e => e.Sequence <= upTo)] : events;
        if (upTo != long.MaxValue && (events.Count < wanted || within.Count < events.Count))
        {
            return new EventBatch(after + 1, upTo, within);
        }

        return within.Count == 0 ? null : new EventBatch(after + 1, within[^1].Sequence, within);
    }
}
