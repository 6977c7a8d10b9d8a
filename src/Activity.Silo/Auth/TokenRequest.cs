using System.ComponentModel.DataAnnotations;
using Activity.Grains.Ingest;
using Activity.Silo.Http;

namespace Activity.Silo.Auth;

/// <summary>The body of <c>POST /api/activity/tokens</c>.</summary>
/// <param name="UserId">The user the token stands for (the same ids events name as actors).</param>
/// <param name="TtlSeconds">How long the token works: 60 to 86,400 seconds, 3,600 when left out.</param>
internal sealed record TokenRequest(
    [property: RequiredField, Text(EventRules.MaxIdLength)] string? UserId,
    [property: Range(60, 86_400, ErrorMessage = "must be a whole number of seconds from {1} to {2} (a day).")] int? TtlSeconds);
