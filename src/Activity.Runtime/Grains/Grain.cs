using Activity.Runtime.Catalog;
using Activity.Runtime.Reminders;
using Activity.Runtime.Timers;

namespace Activity.Runtime.Grains;

/// <summary>
/// Base class of grain implementations, shaped like Orleans' <c>Grain</c>: lifecycle hooks, timers,
/// reminders and <see cref="DeactivateOnIdle"/>. One activation runs one call at a time, so grain
/// code needs no locks.
/// </summary>
public abstract class Grain
{
    private Activation? _activation;

    internal Activation Activation
    {
        get => _activation ?? throw new InvalidOperationException("The grain is not attached to an activation yet; use the runtime members from OnActivateAsync on, not from the constructor.");
        set => _activation = value;
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.Id;

    /// <summary>The factory for calling other grains (and this one) from grain code.</summary>
    protected IGrainFactory GrainFactory => Activation.Catalog.GrainFactory;

    /// <summary>The string key of this grain, as Orleans' <c>this.GetPrimaryKeyString()</c>.</summary>
    protected string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>Runs once, before the first call, after persistent state has been read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation is collected, discarded, or the silo shuts down; flush here.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current call ends; later calls get a fresh activation.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.Requested);

    /// <summary>
    /// Starts a timer whose callback runs as a turn of this activation (never alongside a call, never
    /// overlapping itself: the next period starts when the callback's task ends). Timers live in memory
    /// and end with the activation; use a reminder for anything that must survive it.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(callback, dueTime, period);
    }

    /// <summary>Registers (or replaces) a durable reminder that calls <see cref="IRemindable.ReceiveReminder"/>.</summary>
    /// <param name="reminderName">Unique per grain.</param>
    /// <param name="dueTime">Time until the first tick.</param>
    /// <param name="period">Time between ticks; at least one second.</param>
    /// <param name="cancellationToken">Cancels the storage write.</param>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default)
    {
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"Grain type '{GrainId.Type}' must implement IRemindable to register reminders.");
        }

        return Activation.Catalog.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period, cancellationToken);
    }

    /// <summary>Removes a reminder; throws <see cref="ReminderException"/> when it changed since it was read.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Activation.Catalog.Reminders.UnregisterAsync(GrainId, reminder, cancellationToken);
    }

    /// <summary>The named reminder of this grain, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName, CancellationToken cancellationToken = default) =>
        Activation.Catalog.Reminders.GetReminderAsync(GrainId, reminderName, cancellationToken);

    /// <summary>Every reminder of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders(CancellationToken cancellationToken = default) =>
        Activation.Catalog.Reminders.GetRemindersAsync(GrainId, cancellationToken);
}
