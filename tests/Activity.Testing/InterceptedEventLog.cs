using Activity.Domain.Feed;
using Activity.Grains.Ingest;

namespace Activity.Testing;

/// <summary>
/// An event log whose appends a test takes over (holds, refuses, loses the answer of) while reads and
/// clean-up go straight to the log underneath.
/// </summary>
public abstract class InterceptedEventLog(IEventLog log) : IEventLog
{
    /// <summary>The log underneath.</summary>
    protected IEventLog Log => log;

    /// <inheritdoc />
    public abstract Task<AppendResult> AppendAsync(IReadOnlyList<NewEvent> events, TimeSpan idempotencyWindow, CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedEvent>> ReadAsync(string tenantId, long after, long upTo, int max, CancellationToken cancellationToken) =>
        log.ReadAsync(tenantId, after, upTo, max, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedEvent>> ReadUserAsync(string tenantId, string userId, long after, int max, CancellationToken cancellationToken) =>
        log.ReadUserAsync(tenantId, userId, after, max, cancellationToken);

    /// <inheritdoc />
    public Task<long> HighWaterAsync(string tenantId, CancellationToken cancellationToken) =>
        log.HighWaterAsync(tenantId, cancellationToken);

    /// <inheritdoc />
    public Task<long> SettleAsync(string tenantId, CancellationToken cancellationToken) =>
        log.SettleAsync(tenantId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> HighWatersAsync(CancellationToken cancellationToken) =>
        log.HighWatersAsync(cancellationToken);

    /// <inheritdoc />
    public Task<UserEventsErased> EraseUserAsync(string tenantId, string userId, long through, CancellationToken cancellationToken) =>
        log.EraseUserAsync(tenantId, userId, through, cancellationToken);

    /// <inheritdoc />
    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        log.ForgetIdempotencyKeysAsync(before, cancellationToken);
}
