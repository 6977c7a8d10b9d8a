using Activity.Grains.Reports;

namespace Activity.Memory.Reports;

/// <summary>Report runs in this process's memory, files included: the embedded silo and grain tests.</summary>
internal sealed class MemoryReportStore : IReportStore
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _runs = [];

    public Task<ReportClaim?> ClaimAsync(string tenantId, ReportRun run, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var token = Guid.NewGuid();
            var taken = run.Slot is null ? null : _runs.Find(e => e.TenantId == tenantId && e.Run.TemplateId == run.TemplateId && e.Run.Slot == run.Slot);
            if (taken is null)
            {
                _runs.Add(new Entry(tenantId, run) { Token = token, LeaseUntil = leaseUntil });
                return Task.FromResult<ReportClaim?>(new ReportClaim(tenantId, run.Id, token));
            }

            if (taken.Run.Status != "running" || taken.LeaseUntil >= run.StartedAt)
            {
                return Task.FromResult<ReportClaim?>(null);
            }

            taken.Token = token;
            taken.LeaseUntil = leaseUntil;
            taken.Run = taken.Run with { StartedAt = run.StartedAt };
            return Task.FromResult<ReportClaim?>(new ReportClaim(tenantId, taken.Run.Id, token));
        }
    }

    public Task<ReportClaim?> TakeOverAsync(string tenantId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entry = _runs.Find(e => e.TenantId == tenantId && e.Run.Id == runId && e.Run.Status == "running" && e.LeaseUntil < now);
            if (entry is null)
            {
                return Task.FromResult<ReportClaim?>(null);
            }

            entry.Token = Guid.NewGuid();
            entry.LeaseUntil = leaseUntil;
            entry.Run = entry.Run with { StartedAt = now };
            return Task.FromResult<ReportClaim?>(new ReportClaim(tenantId, runId, entry.Token));
        }
    }

    public Task<IReadOnlyList<ReportRun>> AbandonedAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ReportRun>>([.. _runs.Where(e => e.TenantId == tenantId && e.Run.Status == "running" && e.LeaseUntil < now).Select(e => e.Run)]);
        }
    }

    public Task<bool> RenewAsync(ReportClaim claim, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Task.FromResult(Update(claim, e => e.LeaseUntil = leaseUntil));

    public async Task<bool> CompleteAsync(ReportClaim claim, ReportFile file, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(file.Path, cancellationToken);
        return Update(claim, e =>
        {
            e.Content = content;
            e.Run = e.Run with { Status = "completed", FinishedAt = finishedAt, FileName = file.FileName, Size = file.Size, Error = null };
        });
    }

    public Task<bool> FailAsync(ReportClaim claim, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken) =>
        Task.FromResult(Update(claim, e => e.Run = e.Run with { Status = "failed", FinishedAt = finishedAt, Error = error }));

    public Task RecordDeliveriesAsync(ReportClaim claim, IReadOnlyList<ReportDelivery> deliveries, CancellationToken cancellationToken) =>
        Task.FromResult(Update(claim, e => e.Run = e.Run with { Deliveries = deliveries }));

    public Task<IReadOnlyList<ReportRun>> ListAsync(string tenantId, string? templateId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ReportRun>>([.. _runs
                .Where(e => e.TenantId == tenantId && (templateId is null || e.Run.TemplateId == templateId))
                .Select(e => e.Run)
                .OrderByDescending(r => r.StartedAt)
                .ThenByDescending(r => r.Id)
                .Take(limit)]);
        }
    }

    public Task<ReportRun?> GetAsync(string tenantId, Guid runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.Find(e => e.TenantId == tenantId && e.Run.Id == runId)?.Run);
        }
    }

    public async Task<bool> CopyFileAsync(string tenantId, Guid runId, Stream target, CancellationToken cancellationToken)
    {
        byte[]? content;
        lock (_gate)
        {
            content = _runs.Find(e => e.TenantId == tenantId && e.Run.Id == runId && e.Run.Status == "completed")?.Content;
        }

        if (content is null)
        {
            return false;
        }

        await target.WriteAsync(content, cancellationToken);
        return true;
    }

    public Task<long> PruneAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_runs.RemoveAll(e => e.TenantId == tenantId && e.Run.Status != "running" && e.Run.StartedAt < before));
        }
    }

    public Task<(long Completed, long Failed)> CountAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var runs = _runs.Where(e => e.TenantId == tenantId).ToList();
            return Task.FromResult<(long, long)>((runs.Count(e => e.Run.Status == "completed"), runs.Count(e => e.Run.Status == "failed")));
        }
    }

    private bool Update(ReportClaim claim, Action<Entry> change)
    {
        lock (_gate)
        {
            var entry = _runs.Find(e => e.TenantId == claim.TenantId && e.Run.Id == claim.RunId && e.Token == claim.Token);
            if (entry is null)
            {
                return false;
            }

            change(entry);
            return true;
        }
    }

    private sealed class Entry(string tenantId, ReportRun run)
    {
        public string TenantId { get; } = tenantId;

        public ReportRun Run { get; set; } = run;

        public Guid Token { get; set; }

        public DateTimeOffset LeaseUntil { get; set; }

        public byte[]? Content { get; set; }
    }
}
