using Activity.Domain.Feed;
using Activity.Grains.Projections;

namespace Activity.Grains.Ingest;

/// <summary>
/// The durable log of accepted events (<c>event_log</c>), one sequence per tenant. Two appends of a
/// tenant may commit out of sequence order for a moment (PostgreSQL: sql/014), so readers go no further
/// than the tenant's high-water mark (<see cref="HighWaterAsync"/>): below it, an event missing now
/// never appears later.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends the events atomically. An event whose idempotency key its tenant used within
    /// <paramref name="idempotencyWindow"/> before its receive time is not appended again: it stands
    /// for the earlier event, whose id it gets.
    /// </summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's events with a sequence above <paramref name="after"/> and at most <paramref name="upTo"/>,
    /// in order, at most <paramref name="max"/>: what a projection reads to catch up.
    /// </summary>
    Task<IReadOnlyList<LoggedEvent>> ReadAsync(string tenantId, long after, long upTo, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's events with a sequence above <paramref name="after"/> that <paramref name="userId"/> made
    /// or that name them as the item's owner, in order, at most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<LoggedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's high-water mark (0 when it has no event): the highest sequence below which every
    /// append has committed or been given up. An append still committing holds it back for the moment
    /// it takes; one whose silo died, for at most 5 seconds.
    /// </summary>
    Task<long> HighWaterAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until every append of the tenant that was given sequences before this call has committed or
    /// been given up, and returns the high-water mark then: what a drain reads up to, so it applies every
    /// event acknowledged before it.
    /// </summary>
    Task<long> SettleAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Every tenant's high-water mark (tenants with no event are absent).</summary>
    Task<IReadOnlyDictionary<string, long>> HighWatersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Erases a person from the log up to <paramref name="through"/>, atomically: the events they made
    /// go (with their per-day counts and idempotency keys), and events naming them as the item's owner
    /// keep no owner. Idempotent.
    /// </summary>
    Task<UserEventsErased> EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken);

    /// <summary>Forgets idempotency keys used before <paramref name="before"/>; returns how many.</summary>
    Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>What erasing a person took from the log.</summary>
/// <param name="Events">Events they made, removed.</param>
/// <param name="OwnerMentions">Events on their items, kept without the owner.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.UserEventsErased")]
public sealed record UserEventsErased(long Events, long OwnerMentions);

/// <summary>What an append did.</summary>
/// <param name="Ids">Per input event, in order: its id, or the earlier event's id when it was a repeat.</param>
/// <param name="Sequences">Per input event, in order: its place in its tenant's log, or 0 when it was a repeat (and not appended).</param>
/// <param name="Ranges">
/// Per tenant of the append: the sequences it was given, its appended events among them in order. A
/// sequence of the range that holds no event (left by a repeat) never will.
/// </param>
public sealed record AppendResult(IReadOnlyList<Guid> Ids, IReadOnlyList<long> Sequences, IReadOnlyDictionary<string, LogRange> Ranges);
