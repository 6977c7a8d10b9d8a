using System.Threading.Channels;
using Activity.Grains.Reports;
using Activity.Memory.Reports;

namespace Activity.Grains.Tests.Reports;

/// <summary>The memory report store, telling the test each run that finished (completed or failed) once it is stored.</summary>
internal sealed class FinishedRuns(MemoryReportStore inner) : IReportStore
{
    private readonly Channel<Guid> _finished = Channel.CreateUnbounded<Guid>();
    private readonly Dictionary<Guid, string> _tenants = [];

    public MemoryReportStore Inner => inner;

    /// <summary>The next run that finished, as stored.</summary>
    public async Task<ReportRun> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var id = await _finished.Reader.ReadAsync(timeout.Token);
        return (await inner.ListAsync(await TenantOfAsync(id), null, 1000, default)).Single(r => r.Id == id);
    }

    /// <summary>Whether a run finished that the test has not read.</summary>
    public bool AnyUnread => _finished.Reader.TryPeek(out _);

    public Task<ReportClaim?> ClaimAsync(string tenantId, ReportRun run, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        inner.ClaimAsync(tenantId, run, leaseUntil, cancellationToken);

    public Task<ReportClaim?> TakeOverAsync(string tenantId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        inner.TakeOverAsync(tenantId, runId, now, leaseUntil, cancellationToken);

    public Task<IReadOnlyList<ReportRun>> AbandonedAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.AbandonedAsync(tenantId, now, cancellationToken);

    public Task<bool> RenewAsync(ReportClaim claim, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        inner.RenewAsync(claim, leaseUntil, cancellationToken);

    public async Task<bool> CompleteAsync(ReportClaim claim, ReportFile file, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        var done = await inner.CompleteAsync(claim, file, finishedAt, cancellationToken);
        Tell(claim);
        return done;
    }

    public async Task<bool> FailAsync(ReportClaim claim, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        var done = await inner.FailAsync(claim, error, finishedAt, cancellationToken);
        Tell(claim);
        return done;
    }

    public Task RecordDeliveriesAsync(ReportClaim claim, IReadOnlyList<ReportDelivery> deliveries, CancellationToken cancellationToken) =>
        inner.RecordDeliveriesAsync(claim, deliveries, cancellationToken);

    public Task<IReadOnlyList<ReportRun>> ListAsync(string tenantId, string? templateId, int limit, CancellationToken cancellationToken) =>
        inner.ListAsync(tenantId, templateId, limit, cancellationToken);

    public Task<ReportRun?> GetAsync(string tenantId, Guid runId, CancellationToken cancellationToken) =>
        inner.GetAsync(tenantId, runId, cancellationToken);

    public Task<bool> CopyFileAsync(string tenantId, Guid runId, Stream target, CancellationToken cancellationToken) =>
        inner.CopyFileAsync(tenantId, runId, target, cancellationToken);

    public Task<long> PruneAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.PruneAsync(tenantId, before, cancellationToken);

    public Task<(long Completed, long Failed)> CountAsync(string tenantId, CancellationToken cancellationToken) =>
        inner.CountAsync(tenantId, cancellationToken);

    private void Tell(ReportClaim claim)
    {
        lock (_tenants)
        {
            _tenants[claim.RunId] = claim.TenantId;
        }

        _finished.Writer.TryWrite(claim.RunId);
    }

    private Task<string> TenantOfAsync(Guid id)
    {
        lock (_tenants)
        {
            return Task.FromResult(_tenants[id]);
        }
    }
}
