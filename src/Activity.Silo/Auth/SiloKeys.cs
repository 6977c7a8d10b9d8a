using Activity.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Auth;

/// <summary>
/// The silo's own secrets, each separate so that none opens another's door: the admin key and the
/// drain secret (<c>Activity:DrainSecret</c>, else <c>MC_API_SECRET</c>, else
/// <c>DEPLOY_WEBHOOK_SECRET</c>, the names deploy hooks of the product already use).
/// </summary>
internal sealed class SiloKeys(IOptions<SiloOptions> options, IConfiguration configuration)
{
    /// <summary>Guards <c>/api/admin/*</c>.</summary>
    public SiloKey Admin { get; } = new(options.Value.AdminKey, "adm_");

    /// <summary>Guards <c>POST /api/activity/drain</c> (header <c>x-drain-secret</c>).</summary>
    public SiloKey Drain { get; } = new(
        new[] { options.Value.DrainSecret, configuration["MC_API_SECRET"], configuration["DEPLOY_WEBHOOK_SECRET"] }.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)),
        "drn_");
}
