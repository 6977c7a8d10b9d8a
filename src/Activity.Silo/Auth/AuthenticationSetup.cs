namespace Activity.Silo.Auth;

/// <summary>Registers the silo keys' schemes, a policy per scheme, and the tenant key resolver.</summary>
internal static class AuthenticationSetup
{
    public static IServiceCollection AddActivityAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SiloKeys>();
        services.AddSingleton<TenantResolver>();
        services.AddAuthentication()
            .AddScheme<SiloKeyOptions, SiloKeyAuthentication>(AuthSchemes.Admin, o => (o.Key, o.Setting) = (k => k.Admin, "Activity:AdminKey"))
            .AddScheme<SiloKeyOptions, SiloKeyAuthentication>(AuthSchemes.Cluster, o => (o.Key, o.Setting) = (k => k.Cluster, "Activity:ClusterKey"));
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.Admin, p => p.AddAuthenticationSchemes(AuthSchemes.Admin).RequireAuthenticatedUser())
            .AddPolicy(AuthSchemes.Cluster, p => p.AddAuthenticationSchemes(AuthSchemes.Cluster).RequireAuthenticatedUser());
        return services;
    }
}
