using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Activity.Grains.Tenants;

/// <summary>
/// A tenant's keys go through here, so a rotation is one write and then one notice per silo: every silo
/// drops the old key from its memory before <see cref="RotateKeyAsync"/> answers (a silo that does not
/// answer within a second forgets it when its cached entry expires, within a minute).
/// </summary>
[GrainType("tenant")]
[RandomPlacement]
internal sealed partial class TenantGrain(
    ITenantStore store,
    TenantKeyServiceClient silos,
    IClusterMembershipService membership,
    TimeProvider timeProvider,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private static readonly TimeSpan NoticePatience = TimeSpan.FromSeconds(1);
    private Tenant? _tenant;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tenant = TenantKeys.IsTenantId(TenantId) ? await store.GetAsync(TenantId, cancellationToken) : null;
    }

    public async Task<IssuedKey?> CreateAsync(string name)
    {
        if (!TenantKeys.IsTenantId(TenantId))
        {
            throw new ArgumentException($"'{TenantId}' is not a tenant id; make one with TenantKeys.NewTenantId().");
        }

        if (_tenant is not null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var tenant = new Tenant(TenantId, name.Trim(), now, now);
        var key = TenantKeys.NewKey();
        if (!await store.CreateAsync(tenant, TenantKeys.Hash(key), CancellationToken.None))
        {
            return null;
        }

        _tenant = tenant;
        await ScheduleReportsAsync();
        return new IssuedKey(tenant, key);
    }

    // The tenant's default report templates start their schedule now; should that fail, the next silo start does it.
    private async Task ScheduleReportsAsync()
    {
        try
        {
            await GrainFactory.GetGrain<Reports.IReportsGrain>(TenantId).EnsureScheduledAsync();
        }
        catch (Exception exception)
        {
            LogReportsNotScheduled(logger, exception, TenantId);
        }
    }

    public async Task<IssuedKey?> RotateKeyAsync()
    {
        if (_tenant is null)
        {
            return null;
        }

        var key = TenantKeys.NewKey();
        var tenant = await store.ReplaceKeyAsync(TenantId, TenantKeys.Hash(key), timeProvider.GetUtcNow(), CancellationToken.None);
        if (tenant is null)
        {
            return null;
        }

        _tenant = tenant;
        await Task.WhenAll(membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => TellAsync(m.SiloAddress)));
        return new IssuedKey(tenant, key);
    }

    public async Task<Tenant?> SetRetentionAsync(int retentionDays)
    {
        if (_tenant is null)
        {
            return null;
        }

        _tenant = await store.SetRetentionAsync(TenantId, retentionDays, timeProvider.GetUtcNow(), CancellationToken.None);
        return _tenant;
    }

    public async Task<Tenant?> SetAccessAsync(string? allowedOrigins, bool? reportMail)
    {
        if (_tenant is null)
        {
            return null;
        }

        _tenant = await store.SetAccessAsync(TenantId, allowedOrigins ?? _tenant.AllowedOrigins, reportMail ?? _tenant.ReportMail, CancellationToken.None);
        return _tenant;
    }

    public Task<Tenant?> GetAsync() => Task.FromResult(_tenant);

    private async Task TellAsync(SiloAddress silo)
    {
        try
        {
            await silos.ForgetKeysAsync(silo, TenantId).WaitAsync(NoticePatience, timeProvider);
        }
        catch (Exception exception)
        {
            LogNoticeFailed(logger, exception, TenantId, silo);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reports of new tenant {TenantId} could not be scheduled yet; the next silo start schedules them")]
    private static partial void LogReportsNotScheduled(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was not told that tenant {TenantId} rotated its key; it refuses the old key once its cached entry expires (within a minute)")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string tenantId, SiloAddress silo);
}
