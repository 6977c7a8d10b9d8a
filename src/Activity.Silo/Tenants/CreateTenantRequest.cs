using System.ComponentModel.DataAnnotations;
using Activity.Grains.Tenants;
using Activity.Silo.Http;

namespace Activity.Silo.Tenants;

/// <summary>The body of <c>POST /api/admin/tenants</c>.</summary>
/// <param name="Name">The tenant's name: printable, unique ignoring case.</param>
internal sealed record CreateTenantRequest([property: RequiredField, Text(TenantNames.MaxLength)] string? Name) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TenantNames.Problem(Name) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Name)]);
        }
    }
}
