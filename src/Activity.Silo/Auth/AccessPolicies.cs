using Activity.Grains.Tenants;
using Activity.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>
/// Who may call what (DESIGN "Who may do what"): a policy per kind of route, the schemes behind them,
/// and a fallback policy that closes every route that names none. Route groups name their policy once
/// with <c>RequireAuthorization</c>; a route is public only by saying <c>AllowAnonymous</c>.
/// </summary>
internal static class AccessPolicies
{
    /// <summary>
    /// The tenant's own servers: emit, audit log, statistics, analytics, reports, minting user tokens.
    /// A <c>?tenantId=</c> naming another tenant finds nothing (404).
    /// </summary>
    public const string TenantKey = "tenant-key";

    /// <summary>What a browser may read and do: the feed, the stream, comments, reactions.</summary>
    public const string FeedUser = "feed-user";

    /// <summary>A user's dashboard: the tenant key, or a user token for that same user.</summary>
    public const string OwnDashboard = "own-dashboard";

    /// <summary>The admin forms of a tenant's routes (<c>/api/admin/analytics</c>, <c>/api/admin/reports</c>): the admin key naming the tenant with <c>?tenantId=</c>.</summary>
    public const string AdminForTenant = "admin-for-tenant";

    /// <summary>Operators: <c>/api/admin</c> and the Orleans Dashboard.</summary>
    public const string AdminKey = "admin-key";

    /// <summary>Deploy hooks: drain.</summary>
    public const string DrainSecret = "drain-secret";

    private const string SendTenantKey = "Send the tenant's API key as 'Authorization: Bearer <key>'.";
    private const string SendFeedCredential = "Send the tenant's API key or a user token as 'Authorization: Bearer <credential>' (the SSE stream also takes ?access_token=).";
    private const string SendAdminForTenant = "Send the admin key (Activity:AdminKey) as 'Authorization: Bearer <key>' and name the tenant with ?tenantId= (a tenant's key calls the same route without /admin).";
    private const string SendAdminKey = "Send the admin key (Activity:AdminKey) as 'Authorization: Bearer <key>' (the Orleans Dashboard also takes it as the password when the browser asks).";
    private const string SendDrainSecret = "Send the drain secret (Activity:DrainSecret, else MC_API_SECRET, else DEPLOY_WEBHOOK_SECRET) in the x-drain-secret header.";

    public static IServiceCollection AddActivityAccess(this IServiceCollection services)
    {
        services.AddOptions<SiloOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloKeysValidator>();
        services.AddSingleton<SiloKeys>();
        services.AddSingleton<TenantResolver>();
        services.AddSingleton<UserTokens>();
        services.AddSingleton<ITenantKeyCache, RotationNotice>();
        services.AddSingleton<BrowserOrigins>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, BrowserCorsPolicyProvider>();

        services.AddAuthentication()
            .AddPolicyScheme(AccessSchemes.Bearer, null, options => options.ForwardDefaultSelector = http => Credentials.Bearer(http.Request) switch
            {
                { } key when TenantKeys.IsKeyForm(key) => AccessSchemes.TenantKey,
                { } token when UserTokens.LooksLikeToken(token) => AccessSchemes.UserToken,
                _ => AccessSchemes.AdminKey,
            })
            .AddScheme<AuthenticationSchemeOptions, TenantKeyHandler>(AccessSchemes.TenantKey, null)
            .AddScheme<AuthenticationSchemeOptions, UserTokenHandler>(AccessSchemes.UserToken, null)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyHandler>(AccessSchemes.AdminKey, null)
            .AddScheme<AuthenticationSchemeOptions, DrainSecretHandler>(AccessSchemes.DrainSecret, null);

        services.AddSingleton<IAuthorizationHandler, CredentialHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(TenantKey, Bearer(SendTenantKey, [AccessSchemes.TenantKey], new NamedTenantRequirement()))
            .AddPolicy(FeedUser, Bearer(SendFeedCredential, [AccessSchemes.TenantKey, AccessSchemes.UserToken]))
            .AddPolicy(OwnDashboard, Bearer(SendFeedCredential, [AccessSchemes.TenantKey, AccessSchemes.UserToken], new OwnUserRequirement()))
            .AddPolicy(AdminForTenant, Bearer(SendAdminForTenant, [AccessSchemes.AdminKey], new NamedTenantRequirement()))
            .AddPolicy(AdminKey, Bearer(SendAdminKey, [AccessSchemes.AdminKey]))
            .AddPolicy(DrainSecret, policy => policy
                .AddAuthenticationSchemes(AccessSchemes.DrainSecret)
                .AddRequirements(new CredentialRequirement([AccessSchemes.DrainSecret], SendDrainSecret)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new ClosedRequirement()).Build());
        return services;
    }

    // A policy of the bearer credentials: these kinds open it, and then these requirements must hold.
    private static Action<AuthorizationPolicyBuilder> Bearer(string needed, string[] schemes, params IAuthorizationRequirement[] requirements) =>
        policy => policy
            .AddAuthenticationSchemes(AccessSchemes.Bearer)
            .AddRequirements([new CredentialRequirement(schemes, needed), .. requirements]);
}
