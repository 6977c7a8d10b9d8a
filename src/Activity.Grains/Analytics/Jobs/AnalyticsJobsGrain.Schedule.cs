using System.Diagnostics;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Activity.Grains.Analytics.Jobs;

/// <summary>
/// The schedule: one grain timer per job at its interval (timers tick faster than reminders' one-minute
/// minimum, and interleave with reads), armed by <see cref="WakeAsync"/>, which the coordinator's
/// reminder calls every minute for tenants with recent activity. Timers end with the activation; the next
/// wake arms them again and runs each job that is due once, never once per interval missed.
/// </summary>
internal sealed partial class AnalyticsJobsGrain
{
    // How long the grain trusts its own answer to "did this tenant have events in the last ActiveDays?".
    private static readonly TimeSpan ActiveCheckEvery = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, IGrainTimer> _timers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private DateTimeOffset _activeCheckedAt = DateTimeOffset.MinValue;
    private bool _active;

    private bool ScheduleOn => state.State.Running ?? Options.AutoStart;

    public async Task WakeAsync()
    {
        if (ScheduleOn && await IsActiveAsync(CancellationToken.None))
        {
            Arm();
        }
        else
        {
            Disarm();
        }
    }

    public Task<TriggerOutcome?> TriggerAsync(string jobId)
    {
        if (AnalyticsJob.Find(jobId) is not { } job)
        {
            return Task.FromResult<TriggerOutcome?>(null);
        }

        // Not awaited: the run goes on in this activation after the answer, and records its own outcome.
        return Task.FromResult<TriggerOutcome?>(Start(job, scheduled: false, CancellationToken.None) is null
            ? new TriggerOutcome(false, "running")
            : new TriggerOutcome(true, null));
    }

    public async Task StopAsync()
    {
        Disarm();
        state.State.Running = false;
        await _writer.SaveAsync();
        await GrainFactory.GetGrain<IAnalyticsJobsCoordinator>(0).SetRunningAsync(TenantId, false);
    }

    public async Task RestartAsync()
    {
        Disarm();
        state.State.Running = true;
        await _writer.SaveAsync();
        await GrainFactory.GetGrain<IAnalyticsJobsCoordinator>(0).SetRunningAsync(TenantId, true);
        _activeCheckedAt = DateTimeOffset.MinValue;
        await WakeAsync();
    }

    private async Task<bool> IsActiveAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now - _activeCheckedAt >= ActiveCheckEvery)
        {
            var last = await queries.LastActiveDayAsync(TenantId, cancellationToken);
            _active = last >= DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Options.ActiveDays);
            _activeCheckedAt = now;
        }

        return _active;
    }

    private void Arm()
    {
        if (_timers.Count > 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        foreach (var job in AnalyticsJob.All)
        {
            // Nothing is warm in a new activation, and a job overdue after downtime runs once: every job is
            // due now, but cleanup, which has nothing to gain from running early, keeps a time still ahead.
            var next = state.State.Jobs.GetValueOrDefault(job.Id)?.NextRun;
            var due = job == AnalyticsJob.CacheCleanup && next > now ? next.Value : now;
            _due[job.Id] = due;
            _timers[job.Id] = this.RegisterGrainTimer(
                cancellationToken => TickAsync(job, cancellationToken),
                new GrainTimerCreationOptions(due - now, Options.IntervalOf(job)) { Interleave = true });
        }
    }

    private void Disarm()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
        _due.Clear();
    }

    private async Task TickAsync(AnalyticsJob job, CancellationToken cancellationToken)
    {
        if (!ScheduleOn || !await IsActiveAsync(cancellationToken))
        {
            Disarm();
            return;
        }

        // A run a trigger started is not doubled: this tick is skipped, and the next is a period away.
        if (Start(job, scheduled: true, cancellationToken) is { } run)
        {
            await run;
        }
        else
        {
            _due[job.Id] = timeProvider.GetUtcNow() + Options.IntervalOf(job);
        }
    }

    // Starts a run of the job unless one runs; null when one does.
    private Task? Start(AnalyticsJob job, bool scheduled, CancellationToken cancellationToken)
    {
        // Marked before the run starts: the run takes the mark off itself, maybe before this returns.
        return _running.Add(job.Id) ? RunAsync(job, scheduled, cancellationToken) : null;
    }

    private async Task RunAsync(AnalyticsJob job, bool scheduled, CancellationToken cancellationToken)
    {
        var record = state.State.Jobs.TryGetValue(job.Id, out var found) ? found : state.State.Jobs[job.Id] = new AnalyticsJobRecord();
        var started = timeProvider.GetUtcNow();
        var clock = timeProvider.GetTimestamp();
        record.LastRun = started;
        var failed = false;
        using var span = ActivityTracing.Source.StartActivity(ActivityTracing.AnalyticsJob, ActivityKind.Internal, parentContext: default);
        span?.SetTag("activity.job", job.Id);
        span?.SetTag("activity.tenant", TenantId);
        try
        {
            await DoAsync(job, started, cancellationToken);
            record.Error = null;
            state.State.Completed++;
        }
        catch (Exception exception)
        {
            // The job's own record says why; the other jobs and the next run are not touched.
            LogJobFailed(logger, exception, job.Id, TenantId);
            record.Error = exception.Message;
            state.State.Failed++;
            failed = true;
            span?.SetStatus(ActivityStatusCode.Error, "failed");
        }

        var took = timeProvider.GetElapsedTime(clock);
        metrics.Ran(job.Id, failed, took);
        _timings.Job(job.Id, took);
        record.Finished = true;
        record.DurationMs = (long)took.TotalMilliseconds;
        state.State.TotalDurationMs += record.DurationMs.Value;
        if (scheduled && _timers.ContainsKey(job.Id))
        {
            // A grain timer's next tick is a period after its callback finished.
            _due[job.Id] = timeProvider.GetUtcNow() + Options.IntervalOf(job);
        }

        record.NextRun = _due.TryGetValue(job.Id, out var due) ? due : null;
        try
        {
            await _writer.SaveAsync();
        }
        catch (Exception exception)
        {
            // Another activation wrote meanwhile (a silo just died): that one carries on.
            LogSaveFailed(logger, exception, TenantId);
            DeactivateOnIdle();
        }

        // Running until saved: whoever sees the job finished sees it stored, and its timer moved on.
        _running.Remove(job.Id);
    }

    private async Task DoAsync(AnalyticsJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (job.Metric is { } metric)
        {
            await WarmAllAsync(metric, cancellationToken);
            return;
        }

        foreach (var expired in _warm.Where(w => w.Value.FreshUntil <= now).Select(w => w.Key).ToList())
        {
            _warm.Remove(expired);
        }

        state.State.LastCleanup = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics job {JobId} of tenant {TenantId} failed; its next run tries again")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string jobId, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the analytics jobs of tenant {TenantId} failed; this activation steps aside")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string tenantId);
}
