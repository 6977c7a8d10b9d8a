using System.ComponentModel.DataAnnotations;
using Activity.Domain.Milestones;
using Activity.Silo.Http;

namespace Activity.Silo.Milestones;

/// <summary>The body of <c>PUT /api/admin/tenants/{id}/milestones</c>: the rules, whole; a rule left out is off.</summary>
/// <param name="Streak">Days in a row with activity.</param>
/// <param name="TasksBurst">Many events of one type within an hour.</param>
/// <param name="XpRankUp">A payload field's running sum crossing thresholds.</param>
internal sealed record MilestonesRequest(StreakRequest? Streak, TasksBurstRequest? TasksBurst, XpRankUpRequest? XpRankUp) : IValidatableObject
{
    /// <summary>The rules, once the request is valid.</summary>
    public MilestoneRules ToRules() => new(
        new StreakRule(Streak?.Enabled ?? false),
        new BurstRule(TasksBurst?.Enabled ?? false, TasksBurst?.Type, TasksBurst?.Count ?? BurstRule.DefaultCount),
        new XpRule(XpRankUp?.Enabled ?? false, XpRankUp?.Field, XpRankUp?.Thresholds ?? []));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        [.. JsonRequest.ValidatePart(Streak, "streak"), .. JsonRequest.ValidatePart(TasksBurst, "tasksBurst"), .. JsonRequest.ValidatePart(XpRankUp, "xpRankUp")];
}
