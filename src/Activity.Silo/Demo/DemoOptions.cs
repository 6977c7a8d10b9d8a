namespace Activity.Silo.Demo;

/// <summary>
/// Demo mode (<c>--demo</c>, the same as <c>Activity:Demo:Enabled=true</c>): a demo tenant with a month of
/// history and a live stream of events, for a first look at the console. Embedded silo only.
/// </summary>
internal sealed class DemoOptions
{
    public const string Section = "Activity:Demo";

    /// <summary>The command-line switch.</summary>
    public const string Switch = "--demo";

    /// <summary>Whether the silo runs the demo. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Days of back-filled history. Default 30; 1–90.</summary>
    public int HistoryDays { get; set; } = 30;

    /// <summary>Live events a second, on average. Default 3; 0 (none) to 50.</summary>
    public double EventsPerSecond { get; set; } = 3;

    /// <summary>What is wrong with the options, or null.</summary>
    public string? Problem(bool embedded) =>
        !Enabled ? null
        : !embedded ? "Demo mode (--demo) runs on the embedded silo only: it invents a tenant and its history, which does not belong in a PostgreSQL that holds real ones. Unset Activity__Postgres__ConnectionString, or leave out --demo."
        : HistoryDays is < 1 or > 90 ? $"Activity:Demo:HistoryDays must be 1 to 90 (got {HistoryDays})."
        : EventsPerSecond is < 0 or > 50 ? $"Activity:Demo:EventsPerSecond must be 0 to 50 (got {EventsPerSecond})."
        : null;

    /// <summary>The command line with <c>--demo</c> spelled as the setting it stands for (a bare switch is not a setting).</summary>
    public static string[] Arguments(string[] args) =>
        [.. args.Select(a => a == Switch ? $"--{Section}:{nameof(Enabled)}=true" : a)];
}
