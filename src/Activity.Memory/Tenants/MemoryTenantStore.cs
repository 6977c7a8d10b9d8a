using Activity.Domain.Milestones;
using Activity.Grains.Tenants;

namespace Activity.Memory.Tenants;

/// <summary>Tenants in process memory, for the embedded silo.</summary>
internal sealed class MemoryTenantStore : ITenantStore
{
    private readonly Lock _gate = new();
    private readonly List<(Tenant Tenant, byte[] KeyHash)> _tenants = [];
    private readonly Dictionary<string, MilestoneRules> _milestones = [];

    public Task<bool> CreateAsync(Tenant tenant, byte[] keyHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_tenants.Any(t => string.Equals(t.Tenant.Name, tenant.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return Task.FromResult(false);
            }

            _tenants.Add((tenant, keyHash));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Tenant>>([.. _tenants.Select(t => t.Tenant)]);
        }
    }

    public Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tenants.Select(t => t.Tenant).FirstOrDefault(t => t.Id == tenantId));
        }
    }

    public Task<Tenant?> FindByKeyHashAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tenants.Where(t => t.KeyHash.AsSpan().SequenceEqual(keyHash)).Select(t => t.Tenant).FirstOrDefault());
        }
    }

    public Task<byte[]?> GetKeyHashAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tenants.Where(t => t.Tenant.Id == tenantId).Select(t => (byte[]?)t.KeyHash.ToArray()).FirstOrDefault());
        }
    }

    public Task<Tenant?> ReplaceKeyAsync(string tenantId, byte[] keyHash, DateTimeOffset rotatedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _tenants.FindIndex(t => t.Tenant.Id == tenantId);
            if (index < 0)
            {
                return Task.FromResult<Tenant?>(null);
            }

            var tenant = _tenants[index].Tenant with { KeyRotatedAt = rotatedAt };
            _tenants[index] = (tenant, keyHash);
            return Task.FromResult<Tenant?>(tenant);
        }
    }

    public Task<Tenant?> SetRetentionAsync(string tenantId, int retentionDays, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _tenants.FindIndex(t => t.Tenant.Id == tenantId);
            if (index < 0)
            {
                return Task.FromResult<Tenant?>(null);
            }

            var tenant = _tenants[index].Tenant with { RetentionDays = retentionDays };
            _tenants[index] = (tenant, _tenants[index].KeyHash);
            return Task.FromResult<Tenant?>(tenant);
        }
    }

    public Task<Tenant?> SetAccessAsync(string tenantId, string allowedOrigins, bool reportMail, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _tenants.FindIndex(t => t.Tenant.Id == tenantId);
            if (index < 0)
            {
                return Task.FromResult<Tenant?>(null);
            }

            var tenant = _tenants[index].Tenant with { AllowedOrigins = allowedOrigins, ReportMail = reportMail };
            _tenants[index] = (tenant, _tenants[index].KeyHash);
            return Task.FromResult<Tenant?>(tenant);
        }
    }

    public Task<MilestoneRules> GetMilestonesAsync(string tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_milestones.GetValueOrDefault(tenantId) ?? MilestoneRules.Off);
        }
    }

    public Task SetMilestonesAsync(string tenantId, MilestoneRules rules, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _milestones[tenantId] = rules;
            return Task.CompletedTask;
        }
    }
}
