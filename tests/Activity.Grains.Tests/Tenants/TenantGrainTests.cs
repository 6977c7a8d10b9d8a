using Activity.Grains.Tenants;
using Activity.Memory.Tenants;
using Activity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains.Tests.Tenants;

public sealed class TenantGrainTests
{
    [Fact]
    public async Task A_new_tenant_gets_a_key_that_only_its_hash_is_stored_for()
    {
        var store = new MemoryTenantStore();
        await using var cluster = await ActivityCluster.StartAsync(services => services.AddSingleton<ITenantStore>(store));
        var id = TenantKeys.NewTenantId();

        var (tenant, key) = (await cluster.Grains.GetGrain<ITenantGrain>(id).CreateAsync("  Acme  "))!;

        Assert.Equal((id, "Acme"), (tenant.Id, tenant.Name));
        Assert.StartsWith("act_", key);
        Assert.Equal(tenant, await store.FindByKeyHashAsync(TenantKeys.Hash(key), default));
        Assert.Equal(tenant, await cluster.Grains.GetGrain<ITenantGrain>(id).GetAsync());
    }

    [Fact]
    public async Task A_taken_name_gives_no_tenant_and_an_id_is_created_once()
    {
        await using var cluster = await ActivityCluster.StartAsync();
        var id = TenantKeys.NewTenantId();
        await cluster.Grains.GetGrain<ITenantGrain>(id).CreateAsync("acme");

        Assert.Null(await cluster.Grains.GetGrain<ITenantGrain>(TenantKeys.NewTenantId()).CreateAsync("ACME"));
        Assert.Null(await cluster.Grains.GetGrain<ITenantGrain>(id).CreateAsync("another"));
        Assert.Null(await cluster.Grains.GetGrain<ITenantGrain>(TenantKeys.NewTenantId()).GetAsync());
    }

    [Fact]
    public async Task Rotating_retires_the_old_key_and_tells_every_silo_before_it_answers()
    {
        var store = new MemoryTenantStore();
        var caches = new List<RecordingKeyCache>();
        await using var cluster = await ActivityCluster.StartAsync(services =>
        {
            // Each silo builds its services once: each gets its own cache.
            var cache = new RecordingKeyCache();
            caches.Add(cache);
            services.AddSingleton<ITenantStore>(store);
            services.AddSingleton<ITenantKeyCache>(cache);
        });
        var id = TenantKeys.NewTenantId();
        var (_, old) = (await cluster.Grains.GetGrain<ITenantGrain>(id).CreateAsync("acme"))!;
        cluster.Time.Advance(TimeSpan.FromDays(1));

        var (rotated, fresh) = (await cluster.Grains.GetGrain<ITenantGrain>(id).RotateKeyAsync())!;

        Assert.NotEqual(old, fresh);
        Assert.Equal(cluster.Time.GetUtcNow(), rotated.KeyRotatedAt);
        Assert.Null(await store.FindByKeyHashAsync(TenantKeys.Hash(old), default));
        Assert.Equal(2, caches.Count);
        Assert.All(caches, cache => Assert.Equal([id], cache.Forgotten));
        Assert.Null(await cluster.Grains.GetGrain<ITenantGrain>(TenantKeys.NewTenantId()).RotateKeyAsync());
    }

    [Theory]
    [InlineData(null, "'name' is required")]
    [InlineData("   ", "'name' is required")]
    [InlineData("bad\u0007name", "control characters")]
    public void Names_are_checked_with_a_message_that_says_what_to_fix(string? name, string message) =>
        Assert.Contains(message, TenantNames.Problem(name));

    [Fact]
    public void A_name_of_101_characters_is_too_long() =>
        Assert.Contains("at most 100", TenantNames.Problem(new string('a', 101)));

    private sealed class RecordingKeyCache : ITenantKeyCache
    {
        private readonly Lock _gate = new();
        private readonly List<string> _forgotten = [];

        public IReadOnlyList<string> Forgotten
        {
            get
            {
                lock (_gate)
                {
                    return [.. _forgotten];
                }
            }
        }

        public Task ForgetAsync(string tenantId)
        {
            lock (_gate)
            {
                _forgotten.Add(tenantId);
            }

            return Task.CompletedTask;
        }
    }
}
