using System.Diagnostics;
using Activity.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Activity.Grains.Reports;

/// <summary>Runs: what a tick finds due, what is asked for, and one run from claim to completion.</summary>
internal sealed partial class ReportsGrain
{
    public async Task TickAsync()
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        Reschedule();

        // Runs whose silo died mid-run (still running, lease past) are taken over first: same run, same slot.
        foreach (var abandoned in await store.AbandonedAsync(TenantId, now, CancellationToken.None))
        {
            if (_running.Contains(abandoned.Id) || Find(abandoned.TemplateId) is not { } template)
            {
                continue;
            }

            if (await store.TakeOverAsync(TenantId, abandoned.Id, now, now + settings.Lease, CancellationToken.None) is { } claim)
            {
                LogTakenOver(logger, abandoned.Id, template.Id, TenantId);
                Start(template, abandoned with { StartedAt = now }, claim);
            }
        }

        foreach (var template in state.State.Templates.Where(t => t.IsActive).ToList())
        {
            if (!state.State.NextSlots.TryGetValue(template.Id, out var next) || next > now)
            {
                continue;
            }

            // However many slots passed, the latest runs, once; the one before it is where its report starts.
            var schedule = ScheduleOf(template);
            var slot = schedule.LatestBetween(next, now) ?? next;
            var trigger = slot > next || now - slot > settings.CatchUpAfter ? "catch-up" : "scheduled";
            var run = NewRun(template, slot, trigger, now);
            if (await store.ClaimAsync(TenantId, run, now + settings.Lease, CancellationToken.None) is { } claim)
            {
                Start(template, run, claim);
            }

            // Claimed here or elsewhere, the slot is taken: the template waits for its next one.
            if (schedule.NextAfter(slot) is { } following)
            {
                state.State.NextSlots[template.Id] = following;
            }
            else
            {
                state.State.NextSlots.Remove(template.Id);
            }
        }

        await _writer.SaveAsync();
        await ArmAsync(onlyWhenMissing: false);

        // A tick comes at least daily: runs past keeping go then.
        await store.PruneAsync(TenantId, now - settings.KeepRunsFor, CancellationToken.None);
    }

    public async Task<ReportRun?> GenerateAsync(string templateId)
    {
        if (Find(templateId) is not { } template)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var run = NewRun(template, slot: null, "manual", now);
        var claim = await store.ClaimAsync(TenantId, run, now + options.Value.Lease, CancellationToken.None)
            ?? throw new InvalidOperationException("A run without a slot is always claimed.");
        Start(template, run, claim);
        return run;
    }

    private static ReportRun NewRun(ReportTemplate template, DateTimeOffset? slot, string trigger, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), template.Id, template.Name, slot, trigger, "running", now, null, template.Format, null, null, null, []);

    // The run goes on in this activation after the caller's turn; it records its own outcome.
    private void Start(ReportTemplate template, ReportRun run, ReportClaim claim)
    {
        _running.Add(run.Id);
        _ = RunAsync(template, run, claim);
    }

    // Mail only when the operator turned it on for the tenant, and within its daily quota.
    private async Task<ReportDelivery> DeliverAsync(string recipient, ReportFile file, ReportRun run)
    {
        if (ReportRecipient.KindOf(recipient) == "email")
        {
            var refusal = (await tenants.GetAsync(TenantId, CancellationToken.None))?.ReportMail != true ? "mail is off for this tenant"
                : !TakeMail() ? "daily mail quota reached"
                : null;
            if (refusal is not null)
            {
                return new ReportDelivery(recipient, "email", "failed", [new DeliveryAttempt(timeProvider.GetUtcNow(), refusal, false)]);
            }

            await _writer.SaveAsync();
        }

        return await deliverer.DeliverAsync(recipient, file, run, state.State.WebhookSecret!, CancellationToken.None);
    }

    private bool TakeMail()
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (state.State.MailDay != today)
        {
            (state.State.MailDay, state.State.MailsThatDay) = (today, 0);
        }

        if (state.State.MailsThatDay >= options.Value.MailPerTenantPerDay)
        {
            return false;
        }

        state.State.MailsThatDay++;
        return true;
    }

    private async Task RunAsync(ReportTemplate template, ReportRun run, ReportClaim claim)
    {
        var settings = options.Value;
        var clock = timeProvider.GetTimestamp();
        var outcome = "failed";
        using var span = ActivityTracing.Source.StartActivity(ActivityTracing.ReportRun, ActivityKind.Internal, parentContext: default);
        span?.SetTag("activity.tenant", TenantId);
        span?.SetTag("activity.trigger", run.Trigger);
        ReportFile? file = null;
        try
        {
            var schedule = ScheduleOf(template);
            var (from, to) = run.Slot is { } slot ? ReportGenerator.RangeOf(schedule, slot) : ReportGenerator.RangeEndingAt(schedule, run.StartedAt);
            file = await generator.GenerateAsync(TenantId, template, from, to, timeProvider.GetUtcNow(), CancellationToken.None);

            // Delivered before the run is marked completed: a silo dying during delivery leaves a running run,
            // which is taken over and delivered again (the same run id in X-Activity-Report-Run).
            var deliveries = new List<ReportDelivery>();
            foreach (var recipient in template.Recipients)
            {
                await store.RenewAsync(claim, timeProvider.GetUtcNow() + settings.Lease, CancellationToken.None);
                deliveries.Add(await DeliverAsync(recipient, file, run));
                metrics.Delivered(deliveries[^1]);
                await store.RecordDeliveriesAsync(claim, deliveries, CancellationToken.None);
            }

            outcome = "completed";
            if (!await store.CompleteAsync(claim, file, timeProvider.GetUtcNow(), CancellationToken.None))
            {
                outcome = "claim_lost";
                LogClaimLost(logger, run.Id, TenantId);
            }
        }
        catch (Exception exception)
        {
            LogRunFailed(logger, exception, run.Id, template.Id, TenantId);
            try
            {
                await store.FailAsync(claim, exception.Message, timeProvider.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception recording)
            {
                // Left running: once its lease passes, a tick takes it over and runs it again.
                LogRunFailed(logger, recording, run.Id, template.Id, TenantId);
            }
        }
        finally
        {
            metrics.Ran(run.Trigger, outcome, timeProvider.GetElapsedTime(clock));
            span?.SetTag("activity.outcome", outcome);
            if (outcome == "failed")
            {
                span?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            _running.Remove(run.Id);
            if (file is not null)
            {
                File.Delete(file.Path);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report run {RunId} of template {TemplateId} (tenant {TenantId}) failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid runId, string templateId, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report run {RunId} (tenant {TenantId}) lost its claim before it finished; the claimant that took it over records it")]
    private static partial void LogClaimLost(ILogger logger, Guid runId, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took over report run {RunId} of template {TemplateId} (tenant {TenantId}): its silo stopped during it")]
    private static partial void LogTakenOver(ILogger logger, Guid runId, string templateId, string tenantId);
}
