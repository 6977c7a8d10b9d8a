using Activity.Runtime.Grains;

namespace Activity.Runtime.Reminders;

/// <summary>A grain that receives durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>A reminder of this grain is due. Runs as a turn like any call.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>The tick being delivered.</summary>
/// <param name="FirstTickTime">When the reminder first fired (registration time plus due time).</param>
/// <param name="Period">Time between ticks.</param>
/// <param name="CurrentTickTime">The scheduled time of this tick (it may arrive a little later).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
