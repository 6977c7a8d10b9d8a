using System.ComponentModel.DataAnnotations;
using Activity.Domain.Events;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Milestones;

/// <summary>The streak rule: milestones at 7, 30 and 100 days in a row with activity.</summary>
/// <param name="Enabled">Whether it is on.</param>
internal sealed record StreakRequest([property: RequiredField] bool? Enabled);

/// <summary>The burst rule: a milestone when a user emits <c>count</c> events of <c>type</c> within an hour.</summary>
/// <param name="Enabled">Whether it is on.</param>
/// <param name="Type">The event type counted; required when on.</param>
/// <param name="Count">How many make a burst (2–1,000; default 10).</param>
internal sealed record TasksBurstRequest(
    [property: RequiredField] bool? Enabled,
    [property: Text(EventRules.MaxTypeLength)] string? Type,
    [property: Range(2, 1000, ErrorMessage = "must be a whole number from {1} to {2}.")] int? Count) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled == true && Type is null)
        {
            yield return new ValidationResult("is required.", [nameof(Type)]);
        }

        if (Type is not null && !EventTypeName.IsValid(Type))
        {
            yield return new ValidationResult($"'{Type}' is not an event type name: use {EventTypeName.Rule}.", [nameof(Type)]);
        }
    }
}

/// <summary>The XP rule: a milestone each time the running sum of a payload field crosses a threshold.</summary>
/// <param name="Enabled">Whether it is on.</param>
/// <param name="Field">The payload field summed; required when on.</param>
/// <param name="Thresholds">1 to 20 ascending sums, each at least 1; required when on.</param>
internal sealed record XpRankUpRequest(
    [property: RequiredField] bool? Enabled,
    [property: Text(64)] string? Field,
    IReadOnlyList<long>? Thresholds) : IValidatableObject
{
    /// <summary>The most thresholds a rule may have.</summary>
    public const int MaxThresholds = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled == true && Field is null)
        {
            yield return new ValidationResult("is required.", [nameof(Field)]);
        }

        if (Thresholds is null ? Enabled == true : Thresholds.Count is 0 or > MaxThresholds || Thresholds[0] < 1 || Thresholds.Zip(Thresholds.Skip(1)).Any(p => p.Second <= p.First))
        {
            yield return new ValidationResult(
                Thresholds is null
                    ? $"is required when the rule is on: 1 to {MaxThresholds} ascending sums, such as [100, 500, 1000]."
                    : $"must be an array of 1 to {MaxThresholds} whole numbers of at least 1, ascending.",
                [nameof(Thresholds)]);
        }
    }
}
