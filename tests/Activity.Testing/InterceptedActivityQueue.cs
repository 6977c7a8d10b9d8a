using Activity.Domain.Feed;
using Activity.Grains.Ingest;

namespace Activity.Testing;

/// <summary>
/// An event log whose appends a test takes over (holds, refuses, loses the answer of) while reads and
/// clean-up go straight to the log underneath.
/// </summary>
public abstract class InterceptedActivityQueue(IActivityQueue log) : IActivityQueue
{
    /// <summary>The log underneath.</summary>
    protected IActivityQueue Log => log;

    /// <inheritdoc />
    public abstract Task<AppendResult> AppendAsync(IReadOnlyList<QueuedEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEvent>> ReadAsync(string tenantId, long after, long upTo, int max, CancellationToken cancellationToken) =>
        log.ReadAsync(tenantId, after, upTo, max, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken) =>
        log.ReadUserAsync(tenantId, userId, after, max, cancellationToken);

    /// <inheritdoc />
    public Task<long> LastSequenceAsync(string tenantId, CancellationToken cancellationToken) =>
        log.LastSequenceAsync(tenantId, cancellationToken);

    /// <inheritdoc />
    public Task<long> SettleAsync(string tenantId, CancellationToken cancellationToken) =>
        log.SettleAsync(tenantId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> LastSequencesAsync(CancellationToken cancellationToken) =>
        log.LastSequencesAsync(cancellationToken);

    /// <inheritdoc />
    public Task<UserEventsErased> EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken) =>
        log.EraseUserAsync(tenantId, userId, through, cancellationToken);

    /// <inheritdoc />
    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        log.ForgetIdempotencyKeysAsync(before, cancellationToken);
}
