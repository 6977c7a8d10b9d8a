using Activity.Grains.Tenants;

namespace Activity.Grains.Tests.Tenants;

public sealed class TenantKeysTests
{
    [Fact]
    public void A_new_tenant_id_has_the_form_of_one()
    {
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(TenantKeys.IsTenantId(TenantKeys.NewTenantId())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten_missing")]
    [InlineData("ten_0000000000000000x")]
    [InlineData("TEN_0000000000000000")]
    [InlineData("ten_000000000000000i")]
    [InlineData("ten_00000000000000\u00000")]
    public void Other_text_is_not_a_tenant_id(string text) => Assert.False(TenantKeys.IsTenantId(text));
}
