namespace Activity.Grains.Analytics.Jobs;

/// <summary>
/// The cluster's one analytics jobs coordinator (key 0): a one-minute reminder wakes the jobs grain of
/// every tenant with events in the last <see cref="AnalyticsOptions.ActiveDays"/> days whose schedule
/// runs. It remembers which tenants were stopped or started by hand, so a stopped tenant is not woken
/// (and, with auto-start off, only tenants started by hand are).
/// </summary>
[Alias("activity.IAnalyticsJobsCoordinator")]
public interface IAnalyticsJobsCoordinator : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder when missing or its period changed; every starting silo calls it.</summary>
    [Alias("Schedule")]
    Task ScheduleAsync();

    /// <summary>Wakes the tenants' jobs now (what each reminder tick does); how many tenants it woke.</summary>
    [Alias("WakeAll")]
    Task<int> WakeAllAsync();

    /// <summary>Records that a tenant's schedule was stopped (false) or started (true) by hand.</summary>
    [Alias("SetRunning")]
    Task SetRunningAsync(string tenantId, bool running);
}
