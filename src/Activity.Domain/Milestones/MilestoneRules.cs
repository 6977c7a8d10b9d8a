using System.Text.Json.Serialization;

namespace Activity.Domain.Milestones;

/// <summary>
/// A tenant's milestone rules: which derived events its users' dashboards emit. All off by default.
/// </summary>
/// <param name="Streak"><c>streak_milestone</c> when a run of consecutive UTC days with activity reaches 7, 30 or 100.</param>
/// <param name="TasksBurst"><c>tasks_burst</c> when a user makes enough events of one type within a day.</param>
/// <param name="XpRankUp"><c>xp_rank_up</c> when the sum of a payload number crosses a threshold.</param>
public sealed record MilestoneRules(StreakRule Streak, BurstRule TasksBurst, XpRule XpRankUp)
{
    /// <summary>Every rule off.</summary>
    public static MilestoneRules Off { get; } = new(new StreakRule(false), new BurstRule(false, null, BurstRule.DefaultCount), new XpRule(false, null, []));

    /// <summary>Whether any rule is on.</summary>
    [JsonIgnore]
    public bool Any => Streak.Enabled || TasksBurst.Enabled || XpRankUp.Enabled;
}

/// <summary>Streaks: the days are fixed at 7, 30 and 100.</summary>
/// <param name="Enabled">Whether the rule is on.</param>
public sealed record StreakRule(bool Enabled)
{
    /// <summary>The run lengths that are milestones.</summary>
    public static IReadOnlyList<int> Days { get; } = [7, 30, 100];
}

/// <summary>Bursts: <see cref="Count"/> or more events of <see cref="Type"/> within 24 hours, once per 24 hours.</summary>
/// <param name="Enabled">Whether the rule is on.</param>
/// <param name="Type">The event type counted (ignoring case).</param>
/// <param name="Count">How many make a burst (2–1,000; default 10).</param>
public sealed record BurstRule(bool Enabled, string? Type, int Count)
{
    /// <summary>The default burst size.</summary>
    public const int DefaultCount = 10;

    /// <summary>The window a burst falls in, and the quiet time after one.</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromHours(24);
}

/// <summary>Rank-ups: the sum of payload number <see cref="Field"/> over a user's events crosses one of <see cref="Thresholds"/>.</summary>
/// <param name="Enabled">Whether the rule is on.</param>
/// <param name="Field">The payload field summed (a number; other values are skipped).</param>
/// <param name="Thresholds">Ascending sums, each a rank (rank 1 is the first threshold).</param>
public sealed record XpRule(bool Enabled, string? Field, IReadOnlyList<long> Thresholds);
