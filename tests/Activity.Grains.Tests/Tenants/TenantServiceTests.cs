using Activity.Grains.Tenants;
using Activity.Testing;

namespace Activity.Grains.Tests.Tenants;

public sealed class TenantServiceTests
{
    private readonly MemoryTenantStore _store = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_new_tenant_gets_an_id_and_a_key_that_only_its_hash_is_stored_for()
    {
        var service = new TenantService(_store, _time);

        var (tenant, key) = (await service.CreateAsync("  Acme  ", default))!.Value;

        Assert.StartsWith("ten_", tenant.Id);
        Assert.Equal("Acme", tenant.Name);
        Assert.StartsWith("act_", key);
        Assert.Equal(tenant, await _store.FindByKeyHashAsync(TenantKeys.Hash(key), default));
    }

    [Fact]
    public async Task A_taken_name_gives_no_tenant()
    {
        var service = new TenantService(_store, _time);
        await service.CreateAsync("acme", default);

        Assert.Null(await service.CreateAsync("ACME", default));
    }

    [Fact]
    public async Task Rotating_retires_the_old_key()
    {
        var service = new TenantService(_store, _time);
        var (tenant, old) = (await service.CreateAsync("acme", default))!.Value;
        _time.Advance(TimeSpan.FromDays(1));

        var (rotated, fresh) = (await service.RotateKeyAsync(tenant.Id, default))!.Value;

        Assert.NotEqual(old, fresh);
        Assert.Equal(_time.GetUtcNow(), rotated.KeyRotatedAt);
        Assert.Null(await _store.FindByKeyHashAsync(TenantKeys.Hash(old), default));
        Assert.Null(await service.RotateKeyAsync("ten_missing", default));
    }

    [Theory]
    [InlineData(null, "'name' is required")]
    [InlineData("   ", "'name' is required")]
    [InlineData("bad\u0007name", "control characters")]
    public void Names_are_checked_with_a_message_that_says_what_to_fix(string? name, string message) =>
        Assert.Contains(message, TenantService.NameProblem(name));

    [Fact]
    public void A_name_of_101_characters_is_too_long() =>
        Assert.Contains("at most 100", TenantService.NameProblem(new string('a', 101)));
}
