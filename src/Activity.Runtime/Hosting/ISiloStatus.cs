namespace Activity.Runtime.Hosting;

/// <summary>Where the silo is in its life.</summary>
public enum SiloStatus
{
    /// <summary>Created, not started.</summary>
    Created,

    /// <summary>Running startup tasks and loading reminders.</summary>
    Starting,

    /// <summary>Taking calls.</summary>
    Running,

    /// <summary>Deactivating its grains.</summary>
    Stopping,

    /// <summary>Every grain deactivated.</summary>
    Stopped,
}

/// <summary>The silo's current status, for readiness checks.</summary>
public interface ISiloStatus
{
    /// <summary>The status now.</summary>
    SiloStatus Status { get; }
}
