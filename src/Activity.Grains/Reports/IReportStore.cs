namespace Activity.Grains.Reports;

/// <summary>
/// Report runs and their files (memory or PostgreSQL). A scheduled slot has one run row at most: claiming
/// it is the guard that makes each slot run once, on whichever silo, however many activations a silo's
/// death briefly leaves; a claim whose lease ran out (its silo died mid-run) can be taken over.
/// </summary>
public interface IReportStore
{
    /// <summary>
    /// Claims <paramref name="run"/>'s slot until <paramref name="leaseUntil"/> with a fresh claim token: true when
    /// the slot had no run, or its run is still running with its lease past (then the run keeps its id and
    /// is started again); false when another claim holds it or it finished. Manual runs (no slot) always claim.
    /// </summary>
    Task<ReportClaim?> ClaimAsync(string tenantId, ReportRun run, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Takes over a run still running whose lease ran out before <paramref name="now"/>: a new claim, the same run.</summary>
    Task<ReportClaim?> TakeOverAsync(string tenantId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>The tenant's runs still running whose lease ran out before <paramref name="now"/>: their silo died.</summary>
    Task<IReadOnlyList<ReportRun>> AbandonedAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keeps a claim while its run goes on; false when the claim was lost.</summary>
    Task<bool> RenewAsync(ReportClaim claim, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Stores the file and marks the run completed, if the claim still holds.</summary>
    Task<bool> CompleteAsync(ReportClaim claim, ReportFile file, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>Marks the run failed with its error, if the claim still holds.</summary>
    Task<bool> FailAsync(ReportClaim claim, string error, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>Records the run's deliveries so far.</summary>
    Task RecordDeliveriesAsync(ReportClaim claim, IReadOnlyList<ReportDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>The tenant's runs, newest first, of one template or all.</summary>
    Task<IReadOnlyList<ReportRun>> ListAsync(string tenantId, string? templateId, int limit, CancellationToken cancellationToken);

    /// <summary>One run of the tenant, or null.</summary>
    Task<ReportRun?> GetAsync(string tenantId, Guid runId, CancellationToken cancellationToken);

    /// <summary>Copies a completed run's file to <paramref name="target"/>; false when there is none.</summary>
    Task<bool> CopyFileAsync(string tenantId, Guid runId, Stream target, CancellationToken cancellationToken);

    /// <summary>Removes the tenant's finished runs (files included) that started before <paramref name="before"/>; how many.</summary>
    Task<long> PruneAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>How many of the tenant's runs completed and failed.</summary>
    Task<(long Completed, long Failed)> CountAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>A held claim on a run: its id and the token that proves this claimant still holds it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReportClaim")]
public sealed record ReportClaim(string TenantId, Guid RunId, Guid Token);

/// <summary>A generated report file, in a temporary file until stored.</summary>
/// <param name="Path">The temporary file.</param>
/// <param name="FileName">Its name for downloads and attachments.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record ReportFile(string Path, string FileName, string ContentType, long Size);
