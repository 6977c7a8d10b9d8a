using Activity.Domain.Feed;

namespace Activity.Grains.Dashboard;

/// <summary>The silo-internal side of a <see cref="Abstractions.Dashboard.IDashboardGrain"/>: its tenant's router feeds it.</summary>
[Alias("activity.IDashboardWriterGrain")]
public interface IDashboardWriterGrain : IGrainWithStringKey
{
    /// <summary>
    /// The user's next events from the log, in order. <paramref name="previous"/> is the sequence of the
    /// last event the router passed to this user before these, or null when it does not know (it started
    /// since, or that delivery failed): the dashboard reads the log for anything it might have missed.
    /// Returns the user's own totals after them.
    /// </summary>
    [Alias("Deliver")]
    Task<DashboardReport> DeliverAsync([Immutable] IReadOnlyList<LoggedEvent> events, long? previous);

    /// <summary>The user's own totals as they stand.</summary>
    [Alias("Report")]
    Task<DashboardReport> ReportAsync();

    /// <summary>
    /// The user was erased up to <paramref name="through"/>: the dashboard starts empty from there (their
    /// milestones too), counts what the log holds of them after it, and is saved before this returns.
    /// Returns their own totals then.
    /// </summary>
    [Alias("Reset")]
    Task<DashboardReport> ResetAsync(long through);

    /// <summary>
    /// Takes back every vote and comment <paramref name="actorId"/> (erased up to <paramref name="through"/>)
    /// gave this user's items, and the <paramref name="views"/> they gave them (found in the log; each taken
    /// back once however often this is asked); saved before this returns. Returns how many votes and comments.
    /// </summary>
    [Alias("ForgetActor")]
    Task<int> ForgetActorAsync(string actorId, long through, [Immutable] IReadOnlyList<ErasedView> views);
}
