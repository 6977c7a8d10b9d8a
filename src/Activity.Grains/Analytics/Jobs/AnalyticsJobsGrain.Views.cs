namespace Activity.Grains.Analytics.Jobs;

/// <summary>What the jobs API shows of the schedule.</summary>
internal sealed partial class AnalyticsJobsGrain
{
    public Task<IReadOnlyList<AnalyticsJobView>> GetJobsAsync() => Task.FromResult<IReadOnlyList<AnalyticsJobView>>(
        [.. AnalyticsJob.All.Select(job =>
        {
            var record = state.State.Jobs.GetValueOrDefault(job.Id);
            var status = _running.Contains(job.Id) ? "running"
                : record is not { Finished: true } ? "scheduled"
                : record.Error is null ? "completed"
                : "failed";
            return new AnalyticsJobView(
                job.Id,
                job.Name,
                status,
                record?.LastRun,
                _due.TryGetValue(job.Id, out var due) ? due : null,
                record?.DurationMs,
                record?.Error,
                (long)Options.IntervalOf(job).TotalMilliseconds);
        })]);

    public Task<AnalyticsJobMetrics> GetMetricsAsync()
    {
        var counts = state.State;
        var finished = counts.Completed + counts.Failed;
        return Task.FromResult(new AnalyticsJobMetrics(
            finished,
            counts.Completed,
            counts.Failed,
            finished == 0 ? 0 : Math.Round((double)counts.TotalDurationMs / finished, 1),
            counts.LastCleanup,
            _timers.Count > 0));
    }
}
