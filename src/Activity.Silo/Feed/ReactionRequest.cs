using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Activity.Domain.Feed;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Feed;

/// <summary>The body of <c>POST /api/activity/reactions</c>.</summary>
/// <param name="EventId">The tile reacted to (a grouped tile's members lead to the group).</param>
/// <param name="UserId">Who reacts: required with the tenant key; a user token's own user when left out.</param>
/// <param name="ReactionType">hype, respect or tribute.</param>
internal sealed record ReactionRequest(
    [property: RequiredField] Guid? EventId,
    [property: Text(EventRules.MaxIdLength)] string? UserId,
    [property: RequiredField, Text(16)] string? ReactionType) : IValidatableObject
{
    /// <summary>The reaction named, once the request is valid.</summary>
    [JsonIgnore]
    public Activity.Domain.Feed.ReactionType Reaction => ReactionCounts.TryParse(ReactionType!, out var type) ? type : default;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ReactionCounts.TryParse(ReactionType!, out _))
        {
            yield return new ValidationResult($"'{ReactionType}' is not a reaction: use hype, respect or tribute.", [nameof(ReactionType)]);
        }
    }
}
