using Activity.Runtime.Grains;
using Activity.Runtime.Reminders;

namespace Activity.Testing.Grains;

/// <summary>A grain that registers reminders and logs each tick as <c>tick:key:name:HH:mm:ss</c>.</summary>
public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);

    Task<IReadOnlyList<string>> Names();

    Task Leave();
}

public sealed class ReminderGrain(EventLog log) : Grain, IReminderGrain, IRemindable
{
    private string Key => GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate:{Key}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate:{Key}");
        return Task.CompletedTask;
    }

    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task Unregister(string name) => await UnregisterReminder((await GetReminder(name))!);

    public async Task<IReadOnlyList<string>> Names() => [.. (await GetReminders()).Select(r => r.ReminderName)];

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Add($"tick:{Key}:{reminderName}:{status.CurrentTickTime:HH:mm:ss}");
        return Task.CompletedTask;
    }
}

