namespace Activity.Grains;

/// <summary>Registers a grain's periodic reminder only when it is missing or its period changed.</summary>
internal static class PeriodicReminder
{
    /// <summary>
    /// Every starting silo asks. Registering again would move the first tick a whole period on each time,
    /// so a cluster restarted more often than the period would never tick: only a missing reminder or a
    /// changed period registers it. True when it registered (the caller stores the period).
    /// </summary>
    public static async Task<bool> EnsureAsync(Grain grain, string name, TimeSpan period, TimeSpan registeredPeriod)
    {
        if (registeredPeriod == period && await grain.GetReminder(name) is not null)
        {
            return false;
        }

        await grain.RegisterOrUpdateReminder(name, period, period);
        return true;
    }
}
