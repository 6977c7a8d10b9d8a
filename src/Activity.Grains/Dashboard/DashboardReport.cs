namespace Activity.Grains.Dashboard;

/// <summary>A user's own votes and comments as their dashboard counts them at its checkpoint: what tenant statistics add up.</summary>
[GenerateSerializer]
[Immutable]
[Alias("activity.DashboardReport")]
public sealed record DashboardReport([property: Id(0)] string UserId, [property: Id(1)] int Votes, [property: Id(2)] int Comments, [property: Id(3)] long Checkpoint);
