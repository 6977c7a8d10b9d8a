namespace Activity.Grains.Dashboard;

/// <summary>Dashboard settings, bound from <c>Activity:Dashboards</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Dashboards";

    /// <summary>
    /// Whether new events reach dashboards. Off, ingest hands nothing to them and the dashboard routes
    /// answer 404 (for measuring what dashboards cost ingest). Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a tenant's router gathers handed-over events before it passes them on, so a busy user's
    /// dashboard gets one call per interval rather than one per write of the log. Default 200 milliseconds.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long handed-over events after a gap wait for the events before them before the router reads
    /// the log instead. Default 500 milliseconds.
    /// </summary>
    public TimeSpan GapPatience { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often a changed dashboard writes its snapshot. Between writes it is held in memory only: an
    /// activation after a crash reads the user's newer events from the log, so a longer interval costs
    /// a longer read then, never a count. Default 2 minutes.
    /// </summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most events read from the log at a time. Default 1,000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem() => this switch
    {
        { FlushInterval: var f } when f < TimeSpan.Zero => "Activity:Dashboards:FlushInterval must be zero or more.",
        { GapPatience: var g } when g < TimeSpan.Zero => "Activity:Dashboards:GapPatience must be zero or more.",
        { SaveInterval: var s } when s <= TimeSpan.Zero => "Activity:Dashboards:SaveInterval must be positive.",
        { BatchSize: < 1 } => "Activity:Dashboards:BatchSize must be at least 1.",
        _ => null,
    };
}
