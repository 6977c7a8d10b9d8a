using Microsoft.AspNetCore.Authentication;

namespace Activity.Silo.Auth;

/// <summary>Registers the three schemes and a policy per scheme.</summary>
internal static class AuthenticationSetup
{
    public static IServiceCollection AddActivityAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SiloKeys>();
        services.AddSingleton<TenantResolver>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TenantKeyAuthentication>(AuthSchemes.Tenant, null)
            .AddScheme<SiloKeyOptions, SiloKeyAuthentication>(AuthSchemes.Admin, o => (o.Key, o.Setting) = (k => k.Admin, "Activity:AdminKey"))
            .AddScheme<SiloKeyOptions, SiloKeyAuthentication>(AuthSchemes.Cluster, o => (o.Key, o.Setting) = (k => k.Cluster, "Activity:ClusterKey"));
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.Tenant, p => p.AddAuthenticationSchemes(AuthSchemes.Tenant).RequireAuthenticatedUser())
            .AddPolicy(AuthSchemes.Admin, p => p.AddAuthenticationSchemes(AuthSchemes.Admin).RequireAuthenticatedUser())
            .AddPolicy(AuthSchemes.Cluster, p => p.AddAuthenticationSchemes(AuthSchemes.Cluster).RequireAuthenticatedUser());
        return services;
    }
}
