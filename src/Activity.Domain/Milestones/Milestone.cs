namespace Activity.Domain.Milestones;

/// <summary>A milestone a user crossed: the derived event to emit, and its key (the same crossing always has the same key).</summary>
/// <param name="Key">Names the crossing within the user's history, such as <c>streak:7:20512</c>.</param>
/// <param name="Type">The event type: <c>streak_milestone</c>, <c>tasks_burst</c> or <c>xp_rank_up</c>.</param>
/// <param name="Fields">The payload's fields besides the key (<c>days</c>; <c>tasks</c>, <c>type</c>; <c>xp</c>, <c>rank</c>, <c>threshold</c>).</param>
/// <param name="OccurredAt">When the crossing event occurred.</param>
public sealed record Milestone(string Key, string Type, IReadOnlyDictionary<string, object> Fields, DateTimeOffset OccurredAt)
{
    /// <summary>The payload field that marks an event as derived, holding its key.</summary>
    public const string KeyField = "milestone";
}
