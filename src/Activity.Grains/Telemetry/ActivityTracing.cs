using System.Diagnostics;

namespace Activity.Grains.Telemetry;

/// <summary>
/// Activity's spans. A trace that crosses a hop Orleans does not carry (the group commit, a buffered
/// projection's apply, the feed stream) travels as a W3C <c>traceparent</c> string in the message, set
/// only when the span before the hop is recorded: an unsampled emit costs one null check per hop.
/// </summary>
public static class ActivityTracing
{
    /// <summary>The source of every Activity span, named like the meter.</summary>
    public static readonly ActivitySource Source = new(ActivityMeter.Name);

    /// <summary>Report runs: recorded whenever a collector listens, since they are few (roots the sampler always keeps).</summary>
    public const string ReportRun = "report.run";

    /// <summary>Analytics job runs: recorded whenever a collector listens, like <see cref="ReportRun"/>.</summary>
    public const string AnalyticsJob = "analytics.job";

    /// <summary>The current span's <c>traceparent</c>, when it is recorded; null otherwise.</summary>
    public static string? CurrentParent() => System.Diagnostics.Activity.Current is { Recorded: true } current ? current.Id : null;

    /// <summary>
    /// A span continuing the first trace of <paramref name="parents"/> and linking the others (work done
    /// once for many senders, as a group commit); null when none is traced.
    /// </summary>
    public static System.Diagnostics.Activity? StartFromAny(string name, IEnumerable<string?> parents)
    {
        ActivityContext? parent = null;
        List<ActivityLink>? links = null;
        foreach (var trace in parents)
        {
            if (trace is null || !ActivityContext.TryParse(trace, null, isRemote: true, out var context))
            {
                continue;
            }

            if (parent is null)
            {
                parent = context;
            }
            else
            {
                (links ??= []).Add(new ActivityLink(context));
            }
        }

        return parent is { } first ? Source.StartActivity(name, ActivityKind.Internal, first, links: links) : null;
    }

    /// <summary>A span continuing the trace of <paramref name="parent"/> (a <c>traceparent</c>); null when there is none.</summary>
    public static System.Diagnostics.Activity? StartFrom(string name, string? parent, ActivityKind kind = ActivityKind.Internal) =>
        parent is not null && ActivityContext.TryParse(parent, null, isRemote: true, out var context)
            ? Source.StartActivity(name, kind, context)
            : null;
}

/// <summary>A message that may carry the trace it belongs to across a hop.</summary>
public interface ITraced
{
    /// <summary>The <c>traceparent</c> of the span that sent it, when that span was recorded.</summary>
    string? Trace { get; }
}
