using System.ComponentModel.DataAnnotations;
using Activity.Grains.Tenants;

namespace Activity.Silo.Tenants;

/// <summary>The body of <c>PUT /api/admin/tenants/{id}</c>: a field left out keeps its value.</summary>
/// <param name="RetentionDays">How many days the tenant's raw events are kept.</param>
internal sealed record TenantSettingsRequest(
    [property: Range(1, Tenant.MaxRetentionDays, ErrorMessage = "must be a whole number from {1} to {2}.")] int? RetentionDays);
