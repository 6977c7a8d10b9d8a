using System.Security.Cryptography;
using Activity.Domain.Reports;
using Activity.Grains.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Activity.Grains.Reports;

/// <summary>
/// A tenant's report templates and their schedule. One reminder per tenant drives it: registered to fire
/// at the next slot of any active template (at most a day ahead), with a one-minute period as the
/// fallback, and moved on at every tick. Reminders do not replay ticks missed while no silo ran, so a
/// template's next slot is grain state: the first tick after downtime finds it passed and runs the latest
/// missed slot once, recorded as a catch-up. Each slot is claimed in <see cref="IReportStore"/> before it
/// runs, so it runs once however many activations or silos tick. Reentrant: runs take seconds to
/// minutes, and the template routes answer meanwhile (state writes go one at a time).
/// </summary>
[Reentrant]
[GrainType("reports")]
internal sealed partial class ReportsGrain(
    [PersistentState("reports", ActivityProviders.Storage)] IPersistentState<ReportsState> state,
    IReportStore store,
    Tenants.ITenantStore tenants,
    ReportGenerator generator,
    ReportDeliverer deliverer,
    TimeProvider timeProvider,
    ReportMetrics metrics,
    IOptions<ReportsOptions> options,
    ILogger<ReportsGrain> logger) : Grain, IReportsGrain, IRemindable
{
    private const string ReminderName = "reports";
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);
    private static readonly TimeSpan FallbackPeriod = TimeSpan.FromMinutes(1);

    private readonly SerialStateWriter<ReportsState> _writer = new(state);
    private readonly HashSet<Guid> _running = [];

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Seeded)
        {
            state.State.Seeded = true;
            state.State.Templates.AddRange(ReportTemplate.Defaults);
            state.State.WebhookSecret ??= "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            Reschedule();
            await _writer.SaveAsync();
        }
    }

    public Task EnsureScheduledAsync() => ArmAsync(onlyWhenMissing: true);

    public Task<IReadOnlyList<ScheduledTemplate>> GetTemplatesAsync() =>
        Task.FromResult<IReadOnlyList<ScheduledTemplate>>([.. state.State.Templates.Select(Scheduled)]);

    public Task<ScheduledTemplate?> GetTemplateAsync(string id) =>
        Task.FromResult(Find(id) is { } template ? Scheduled(template) : null);

    public async Task<TemplateCreation> CreateTemplateAsync(ReportTemplate template)
    {
        Validate(template);
        if (Find(template.Id) is not null)
        {
            return TemplateCreation.IdTaken;
        }

        if (state.State.Templates.Count >= options.Value.MaxTemplatesPerTenant)
        {
            return TemplateCreation.TooMany;
        }

        state.State.Templates.Add(template);
        await SaveAndArmAsync();
        return TemplateCreation.Created;
    }

    public async Task<bool> UpdateTemplateAsync(ReportTemplate template)
    {
        Validate(template);
        var index = state.State.Templates.FindIndex(t => t.Id == template.Id);
        if (index < 0)
        {
            return false;
        }

        var before = state.State.Templates[index];
        state.State.Templates[index] = template;

        // A new schedule, zone or activity starts from now; other changes keep the slot it waits for.
        if ((before.Schedule, before.TimeZone, before.IsActive) != (template.Schedule, template.TimeZone, template.IsActive))
        {
            state.State.NextSlots.Remove(template.Id);
        }

        await SaveAndArmAsync();
        return true;
    }

    public async Task<bool> DeleteTemplateAsync(string id)
    {
        if (state.State.Templates.RemoveAll(t => t.Id == id) == 0)
        {
            return false;
        }

        await SaveAndArmAsync();
        return true;
    }

    public async Task<ReportStatistics> GetStatisticsAsync()
    {
        var (completed, failed) = await store.CountAsync(TenantId, CancellationToken.None);
        return new ReportStatistics(state.State.Templates.Count, state.State.Templates.Count(t => t.IsActive), completed, failed);
    }

    public Task<string> GetWebhookSecretAsync() => Task.FromResult(state.State.WebhookSecret!);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await TickAsync();
        }
        catch (Exception exception)
        {
            // The reminder's one-minute fallback period ticks again.
            LogTickFailed(logger, exception, TenantId);
        }
    }

    private ScheduledTemplate Scheduled(ReportTemplate template) =>
        new(template, template.IsActive && state.State.NextSlots.TryGetValue(template.Id, out var next) ? next : null);

    private ReportTemplate? Find(string id) => state.State.Templates.Find(t => t.Id == id);

    private void Validate(ReportTemplate template)
    {
        if (ReportTemplateRules.Problems(template, options.Value) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Values.SelectMany(p => p)), nameof(template));
        }
    }

    private static ReportSchedule ScheduleOf(ReportTemplate template) =>
        ReportSchedule.Parse(template.Schedule, template.TimeZone).Schedule
        ?? throw new InvalidOperationException($"Template '{template.Id}' has a schedule that no longer parses.");

    // Every active template has a next slot (from now, when it has none yet); inactive and deleted ones have none.
    private void Reschedule()
    {
        var now = timeProvider.GetUtcNow();
        var active = state.State.Templates.Where(t => t.IsActive).ToDictionary(t => t.Id);
        foreach (var id in state.State.NextSlots.Keys.Where(id => !active.ContainsKey(id)).ToList())
        {
            state.State.NextSlots.Remove(id);
        }

        foreach (var template in active.Values.Where(t => !state.State.NextSlots.ContainsKey(t.Id)))
        {
            if (ScheduleOf(template).NextAfter(now) is { } next)
            {
                state.State.NextSlots[template.Id] = next;
            }
        }
    }

    private async Task SaveAndArmAsync()
    {
        Reschedule();
        await _writer.SaveAsync();
        await ArmAsync(onlyWhenMissing: false);
    }

    // The reminder fires at the earliest next slot (a day ahead at most); none while nothing is active.
    private async Task ArmAsync(bool onlyWhenMissing)
    {
        if (state.State.NextSlots.Count == 0)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        if (onlyWhenMissing && await this.GetReminder(ReminderName) is not null)
        {
            return;
        }

        var wait = state.State.NextSlots.Values.Min() - timeProvider.GetUtcNow();
        var due = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
        await this.RegisterOrUpdateReminder(ReminderName, due, FallbackPeriod);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The report schedule of tenant {TenantId} failed to tick; the reminder ticks again")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string tenantId);
}
