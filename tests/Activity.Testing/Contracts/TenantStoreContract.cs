using Activity.Domain.Milestones;
using Activity.Grains.Tenants;

namespace Activity.Testing.Contracts;

/// <summary>What every <see cref="ITenantStore"/> must do.</summary>
public abstract class TenantStoreContract
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The store under test.</summary>
    protected abstract ITenantStore Store { get; }

    [Fact]
    public async Task A_created_tenant_is_found_by_id_list_and_key()
    {
        var (tenant, key) = NewTenant(Unique("acme"));

        Assert.True(await Store.CreateAsync(tenant, TenantKeys.Hash(key), default));

        Assert.Equal(tenant, await Store.GetAsync(tenant.Id, default));
        Assert.Equal(tenant, await Store.FindByKeyHashAsync(TenantKeys.Hash(key), default));
        Assert.Contains(tenant, await Store.ListAsync(default));
    }

    [Fact]
    public async Task A_name_is_taken_whatever_its_case()
    {
        var name = Unique("Acme");
        var (first, key) = NewTenant(name);
        await Store.CreateAsync(first, TenantKeys.Hash(key), default);
        var (second, otherKey) = NewTenant(name.ToUpperInvariant());

        Assert.False(await Store.CreateAsync(second, TenantKeys.Hash(otherKey), default));
        Assert.Null(await Store.GetAsync(second.Id, default));
    }

    [Fact]
    public async Task A_replaced_key_stops_working_and_the_new_one_works()
    {
        var (tenant, old) = NewTenant(Unique("rotating"));
        await Store.CreateAsync(tenant, TenantKeys.Hash(old), default);
        var fresh = TenantKeys.NewKey();

        var rotated = await Store.ReplaceKeyAsync(tenant.Id, TenantKeys.Hash(fresh), Nine.AddDays(1), default);

        Assert.Equal(Nine.AddDays(1), rotated!.KeyRotatedAt);
        Assert.Null(await Store.FindByKeyHashAsync(TenantKeys.Hash(old), default));
        Assert.Equal(tenant.Id, (await Store.FindByKeyHashAsync(TenantKeys.Hash(fresh), default))!.Id);
        Assert.Equal(TenantKeys.Hash(fresh), await Store.GetKeyHashAsync(tenant.Id, default));
    }

    [Fact]
    public async Task Unknown_tenants_and_keys_are_not_found()
    {
        Assert.Null(await Store.GetAsync("ten_missing", default));
        Assert.Null(await Store.FindByKeyHashAsync(TenantKeys.Hash("act_missing"), default));
        Assert.Null(await Store.ReplaceKeyAsync("ten_missing", TenantKeys.Hash("act_x"), Nine, default));
        Assert.Null(await Store.GetKeyHashAsync("ten_missing", default));
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    private static (Tenant Tenant, string Key) NewTenant(string name) =>
        (new Tenant(TenantKeys.NewTenantId(), name, Nine, Nine), TenantKeys.NewKey());

    [Fact]
    public async Task A_tenant_allows_no_origin_and_no_mail_until_told()
    {
        var (tenant, key) = NewTenant(Unique("access"));
        await Store.CreateAsync(tenant, TenantKeys.Hash(key), default);
        Assert.Equal(("", false), ((await Store.GetAsync(tenant.Id, default))!.AllowedOrigins, (await Store.GetAsync(tenant.Id, default))!.ReportMail));

        var changed = await Store.SetAccessAsync(tenant.Id, "https://app.example.com https://admin.example.com", reportMail: true, default);

        Assert.Equal(["https://app.example.com", "https://admin.example.com"], changed!.Origins);
        Assert.Equal(changed, await Store.GetAsync(tenant.Id, default));
        Assert.Equal(changed, await Store.FindByKeyHashAsync(TenantKeys.Hash(key), default));
        Assert.Null(await Store.SetAccessAsync("ten_missing", "", false, default));
    }

    [Fact]
    public async Task A_tenant_keeps_events_90_days_until_its_retention_is_set()
    {
        var (tenant, key) = NewTenant(Unique("retention"));
        await Store.CreateAsync(tenant, TenantKeys.Hash(key), default);

        Assert.Equal(90, (await Store.GetAsync(tenant.Id, default))!.RetentionDays);
        var changed = await Store.SetRetentionAsync(tenant.Id, 30, Nine, default);

        Assert.Equal(30, changed!.RetentionDays);
        Assert.Equal(30, (await Store.GetAsync(tenant.Id, default))!.RetentionDays);
        Assert.Equal(30, (await Store.FindByKeyHashAsync(TenantKeys.Hash(key), default))!.RetentionDays);
        Assert.Null(await Store.SetRetentionAsync("ten_missing", 30, Nine, default));
    }

    [Fact]
    public async Task Milestone_rules_are_off_until_set_and_come_back_as_set()
    {
        var (tenant, key) = NewTenant(Unique("milestones"));
        await Store.CreateAsync(tenant, TenantKeys.Hash(key), default);
        var rules = new MilestoneRules(new StreakRule(true), new BurstRule(true, "task_completed", 12), new XpRule(true, "xp", [100, 1000]));

        Assert.Equal(MilestoneRules.Off, await Store.GetMilestonesAsync(tenant.Id, default), MilestoneRulesComparer.Instance);
        await Store.SetMilestonesAsync(tenant.Id, rules, default);
        Assert.Equal(rules, await Store.GetMilestonesAsync(tenant.Id, default), MilestoneRulesComparer.Instance);
    }

    // Records compare their thresholds list by reference; compare the values.
    private sealed class MilestoneRulesComparer : IEqualityComparer<MilestoneRules>
    {
        public static readonly MilestoneRulesComparer Instance = new();

        public bool Equals(MilestoneRules? x, MilestoneRules? y) =>
            x is not null && y is not null && x.Streak == y.Streak && x.TasksBurst == y.TasksBurst
            && (x.XpRankUp.Enabled, x.XpRankUp.Field) == (y.XpRankUp.Enabled, y.XpRankUp.Field)
            && x.XpRankUp.Thresholds.SequenceEqual(y.XpRankUp.Thresholds);

        public int GetHashCode(MilestoneRules obj) => obj.Streak.GetHashCode();
    }
}
