using System.Globalization;
using System.Text.Json;
using Activity.Domain.Feed;
using Activity.Domain.Time;

namespace Activity.Domain.Milestones;

/// <summary>
/// Watches one user's own events, in log order, for the tenant's milestone rules, and remembers the
/// milestones it found until their derived events come back through the log. Events that are
/// themselves milestones (their payload holds <see cref="Milestone.KeyField"/>) count for nothing.
/// The same history gives the same milestones with the same keys, which is what makes emitting them
/// exactly once possible across restarts.
/// </summary>
public sealed class MilestoneTracker
{
    private readonly List<Milestone> _pending = [];
    private readonly ActiveDays _days = new();
    private readonly Queue<DateTimeOffset> _burst = new();
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;
    private double _xp;

    /// <summary>Milestones found whose events have not come back through the log yet.</summary>
    public IReadOnlyList<Milestone> Pending => _pending;

    /// <summary>Applies one of the user's own events; returns the milestones it crossed.</summary>
    public IReadOnlyList<Milestone> Apply(LoggedEvent e, MilestoneRules rules)
    {
        if (KeyOf(e) is { } key)
        {
            _pending.RemoveAll(m => m.Key == key);
            return [];
        }

        List<Milestone>? found = null;
        if (rules.Streak.Enabled)
        {
            Streak(e, ref found);
        }

        if (rules.TasksBurst is { Enabled: true, Type: { } type } burst && string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase))
        {
            Burst(e, burst, ref found);
        }

        if (rules.XpRankUp is { Enabled: true, Field: { } field } xp && Number(e, field) is { } points)
        {
            RankUp(e, xp, points, ref found);
        }

        if (found is null)
        {
            return [];
        }

        _pending.AddRange(found);
        return found;
    }

    /// <summary>The milestone key of a derived event, or null for any other event.</summary>
    public static string? KeyOf(LoggedEvent e) =>
        e.Payload is { ValueKind: JsonValueKind.Object } payload
        && payload.TryGetProperty(Milestone.KeyField, out var key)
        && key.ValueKind == JsonValueKind.String
            ? key.GetString()
            : null;

    // A new active day that joins runs shorter than a milestone into one at least that long.
    private void Streak(LoggedEvent e, ref List<Milestone>? found)
    {
        var day = Weekday.UtcDateOf(e.OccurredAt).DayNumber;
        if (!_days.Add(day))
        {
            return;
        }

        var before = _days.Run(day, -1);
        var after = _days.Run(day, +1);
        foreach (var days in StreakRule.Days)
        {
            if (before < days && after < days && before + 1 + after >= days)
            {
                (found ??= []).Add(new Milestone(
                    string.Create(CultureInfo.InvariantCulture, $"streak:{days}:{day}"),
                    "streak_milestone",
                    new Dictionary<string, object> { ["days"] = days },
                    e.OccurredAt));
            }
        }
    }

    // Count events of the type within a day; at the count, a burst, then quiet for a day.
    private void Burst(LoggedEvent e, BurstRule rule, ref List<Milestone>? found)
    {
        if (e.OccurredAt < _quietUntil)
        {
            return;
        }

        while (_burst.Count > 0 && _burst.Peek() <= e.OccurredAt - BurstRule.Window)
        {
            _burst.Dequeue();
        }

        _burst.Enqueue(e.OccurredAt);
        if (_burst.Count < rule.Count)
        {
            return;
        }

        (found ??= []).Add(new Milestone(
            string.Create(CultureInfo.InvariantCulture, $"burst:{e.Sequence}"),
            "tasks_burst",
            new Dictionary<string, object> { ["tasks"] = _burst.Count, ["type"] = rule.Type! },
            e.OccurredAt));
        _burst.Clear();
        _quietUntil = e.OccurredAt + BurstRule.Window;
    }

    private void RankUp(LoggedEvent e, XpRule rule, double points, ref List<Milestone>? found)
    {
        var before = _xp;
        _xp += points;
        for (var rank = 0; rank < rule.Thresholds.Count; rank++)
        {
            var threshold = rule.Thresholds[rank];
            if (before < threshold && _xp >= threshold)
            {
                (found ??= []).Add(new Milestone(
                    string.Create(CultureInfo.InvariantCulture, $"xp:{threshold}:{e.Sequence}"),
                    "xp_rank_up",
                    new Dictionary<string, object> { ["xp"] = _xp, ["rank"] = $"rank {rank + 1}", ["threshold"] = threshold },
                    e.OccurredAt));
            }
        }
    }

    private static double? Number(LoggedEvent e, string field) =>
        e.Payload is { ValueKind: JsonValueKind.Object } payload
        && payload.TryGetProperty(field, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetDouble(out var number)
            ? number
            : null;

    /// <summary>For storage.</summary>
    public MilestonesSnapshot ToSnapshot() => new(
        [.. _days.ToList().Select(DateOnly.FromDayNumber)],
        [.. _burst],
        _quietUntil == DateTimeOffset.MinValue ? null : _quietUntil,
        _xp,
        [.. _pending.Select(m => new PendingMilestone(m.Key, m.Type, JsonSerializer.SerializeToElement(m.Fields), m.OccurredAt))]);

    /// <summary>From storage.</summary>
    public static MilestoneTracker Restore(MilestonesSnapshot snapshot)
    {
        var tracker = new MilestoneTracker { _xp = snapshot.Xp, _quietUntil = snapshot.QuietUntil ?? DateTimeOffset.MinValue };
        foreach (var day in snapshot.ActiveDays)
        {
            tracker._days.Add(day.DayNumber);
        }

        foreach (var at in snapshot.Burst)
        {
            tracker._burst.Enqueue(at);
        }

        tracker._pending.AddRange(snapshot.Pending.Select(p => new Milestone(
            p.Key,
            p.Type,
            p.Fields.EnumerateObject().ToDictionary(f => f.Name, f => (object)f.Value.Clone()),
            p.OccurredAt)));
        return tracker;
    }
}

/// <summary>A stored <see cref="MilestoneTracker"/>.</summary>
/// <param name="ActiveDays">The active days remembered.</param>
/// <param name="Burst">When the events of the burst type within the last day occurred.</param>
/// <param name="QuietUntil">No burst before this (one came less than a day before).</param>
/// <param name="Xp">The sum so far.</param>
/// <param name="Pending">Milestones found whose events have not come back through the log.</param>
public sealed record MilestonesSnapshot(IReadOnlyList<DateOnly> ActiveDays, IReadOnlyList<DateTimeOffset> Burst, DateTimeOffset? QuietUntil, double Xp, IReadOnlyList<PendingMilestone> Pending);

/// <summary>A stored milestone.</summary>
public sealed record PendingMilestone(string Key, string Type, JsonElement Fields, DateTimeOffset OccurredAt);
