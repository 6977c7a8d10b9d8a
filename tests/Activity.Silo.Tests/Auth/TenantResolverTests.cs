using Activity.Domain.Milestones;
using Activity.Grains.Tenants;
using Activity.Memory.Tenants;
using Activity.Silo.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Activity.Silo.Tests.Auth;

public sealed class TenantResolverTests
{
    private readonly CountingStore _store = new(new MemoryTenantStore());
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_found_key_is_asked_of_the_store_once_a_minute()
    {
        var (tenant, key) = await CreateTenantAsync();
        var resolver = new TenantResolver(_store, _time);

        Assert.Equal(tenant.Id, (await resolver.ResolveAsync(key, default))!.TenantId());
        Assert.Equal(tenant.Id, (await resolver.ResolveAsync(key, default))!.TenantId());
        Assert.Equal(1, _store.Lookups);

        _time.Advance(TimeSpan.FromMinutes(1));
        await resolver.ResolveAsync(key, default);
        Assert.Equal(2, _store.Lookups);
    }

    [Fact]
    public async Task A_refused_key_is_asked_of_the_store_once_in_ten_seconds()
    {
        var resolver = new TenantResolver(_store, _time);
        var unknown = TenantKeys.NewKey();

        Assert.Null(await resolver.ResolveAsync(unknown, default));
        Assert.Null(await resolver.ResolveAsync(unknown, default));
        Assert.Equal(1, _store.Lookups);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await resolver.ResolveAsync(unknown, default));
        Assert.Equal(2, _store.Lookups);
    }

    [Fact]
    public async Task A_refused_key_does_not_hold_up_a_key_created_after_it()
    {
        var resolver = new TenantResolver(_store, _time);
        Assert.Null(await resolver.ResolveAsync(TenantKeys.NewKey(), default));

        var (tenant, key) = await CreateTenantAsync();

        Assert.Equal(tenant.Id, (await resolver.ResolveAsync(key, default))!.TenantId());
    }

    [Theory]
    [InlineData("act_not_a_key")]
    [InlineData("ten_abcdefghjkmnpqrs")]
    [InlineData("act_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("act_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\0")]
    public async Task Text_not_shaped_like_a_key_is_refused_without_asking_the_store(string text)
    {
        Assert.Null(await new TenantResolver(_store, _time).ResolveAsync(text, default));
        Assert.Equal(0, _store.Lookups);
    }

    // The real memory store, counting key lookups.
    private async Task<(Tenant Tenant, string Key)> CreateTenantAsync()
    {
        var key = TenantKeys.NewKey();
        var tenant = new Tenant(TenantKeys.NewTenantId(), "acme", _time.GetUtcNow(), _time.GetUtcNow());
        Assert.True(await _store.CreateAsync(tenant, TenantKeys.Hash(key), default));
        return (tenant, key);
    }

    private sealed class CountingStore(ITenantStore inner) : ITenantStore
    {
        public int Lookups { get; private set; }

        public Task<bool> CreateAsync(Tenant tenant, byte[] keyHash, CancellationToken cancellationToken) => inner.CreateAsync(tenant, keyHash, cancellationToken);

        public Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken) => inner.GetAsync(tenantId, cancellationToken);

        public Task<Tenant?> FindByKeyHashAsync(byte[] keyHash, CancellationToken cancellationToken)
        {
            Lookups++;
            return inner.FindByKeyHashAsync(keyHash, cancellationToken);
        }

        public Task<byte[]?> GetKeyHashAsync(string tenantId, CancellationToken cancellationToken) => inner.GetKeyHashAsync(tenantId, cancellationToken);

        public Task<Tenant?> ReplaceKeyAsync(string tenantId, byte[] keyHash, DateTimeOffset rotatedAt, CancellationToken cancellationToken) =>
            inner.ReplaceKeyAsync(tenantId, keyHash, rotatedAt, cancellationToken);

        public Task<Tenant?> SetRetentionAsync(string tenantId, int retentionDays, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
            inner.SetRetentionAsync(tenantId, retentionDays, changedAt, cancellationToken);

        public Task<Tenant?> SetAccessAsync(string tenantId, string allowedOrigins, bool reportMail, CancellationToken cancellationToken) =>
            inner.SetAccessAsync(tenantId, allowedOrigins, reportMail, cancellationToken);

        public Task<MilestoneRules> GetMilestonesAsync(string tenantId, CancellationToken cancellationToken) => inner.GetMilestonesAsync(tenantId, cancellationToken);

        public Task SetMilestonesAsync(string tenantId, MilestoneRules rules, CancellationToken cancellationToken) => inner.SetMilestonesAsync(tenantId, rules, cancellationToken);
    }
}
