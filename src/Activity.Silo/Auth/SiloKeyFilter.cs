namespace Activity.Silo.Auth;

/// <summary>
/// Lets a request through only with <c>Authorization: Bearer &lt;key&gt;</c> for one of the silo's own
/// keys (the admin key); otherwise 401 problem+json naming the setting that holds the key.
/// </summary>
internal sealed class SiloKeyFilter(SiloKey key, string setting) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (key.Matches(BearerToken.Read(context.HttpContext.Request)))
        {
            return await next(context);
        }

        return Unauthorized.Answer(context.HttpContext, $"Send the silo's key ({setting}) as 'Authorization: Bearer <key>'.");
    }
}

/// <summary>Puts a key check on a route group, once.</summary>
internal static class KeyFilters
{
    /// <summary>Requires the admin key (<c>Activity:AdminKey</c>).</summary>
    public static RouteGroupBuilder RequireAdminKey(this RouteGroupBuilder group) =>
        group.AddEndpointFilterFactory((context, next) =>
        {
            var filter = new SiloKeyFilter(context.ApplicationServices.GetRequiredService<SiloKeys>().Admin, "Activity:AdminKey");
            return invocation => filter.InvokeAsync(invocation, next);
        });

    /// <summary>Requires the admin key with <c>?tenantId=</c>, or a tenant's API key (see <see cref="AdminOrTenantKeyFilter"/>).</summary>
    public static RouteGroupBuilder RequireAdminOrTenantKey(this RouteGroupBuilder group) => group.AddEndpointFilter<AdminOrTenantKeyFilter>();

    /// <summary>Requires a tenant's API key (see <see cref="TenantKeyFilter"/>).</summary>
    public static RouteGroupBuilder RequireTenantKey(this RouteGroupBuilder group) => group.AddEndpointFilter<TenantKeyFilter>();
}
