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
    /// <summary>The shortest secret the silo accepts from configuration: a short one can be guessed.</summary>
    public const int MinLength = 32;

    /// <summary>Guards <c>/api/admin/*</c>.</summary>
    public SiloKey Admin { get; } = new(options.Value.AdminKey, "adm_");

    /// <summary>Guards <c>POST /api/activity/drain</c> (header <c>x-drain-secret</c>).</summary>
    public SiloKey Drain { get; } = new(ConfiguredDrain(options.Value, configuration).Value, "drn_");

    /// <summary>The drain secret configured, and the setting it came from.</summary>
    public static (string? Value, string Setting) ConfiguredDrain(SiloOptions options, IConfiguration configuration) =>
        new (string? Value, string Setting)[]
        {
            (options.DrainSecret, "Activity:DrainSecret"),
            (configuration["MC_API_SECRET"], "MC_API_SECRET"),
            (configuration["DEPLOY_WEBHOOK_SECRET"], "DEPLOY_WEBHOOK_SECRET"),
        }.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s.Value), (null, "Activity:DrainSecret"));
}

/// <summary>Refuses to start with a configured admin key or drain secret shorter than <see cref="SiloKeys.MinLength"/>.</summary>
internal sealed class SiloKeysValidator(IConfiguration configuration) : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var problems = new[] { (options.AdminKey, "Activity:AdminKey"), SiloKeys.ConfiguredDrain(options, configuration) }
            .Where(s => !string.IsNullOrWhiteSpace(s.Item1) && s.Item1.Trim().Length < SiloKeys.MinLength)
            .Select(s => $"{s.Item2} is {s.Item1!.Trim().Length} characters; use at least {SiloKeys.MinLength} random ones (or leave it empty on an embedded silo, which makes one).")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
