namespace Activity.Silo.Hosting;

/// <summary>Settings of the silo host, bound from <c>Activity</c> (env: <c>Activity__AdminKey</c>).</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity";

    /// <summary>
    /// The key that guards <c>/api/admin/*</c>. When empty, the silo makes a random one at start and
    /// prints it; every silo of a cluster needs the same configured key.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// The secret of <c>POST /api/activity/drain</c>. When empty, <c>MC_API_SECRET</c> and then
    /// <c>DEPLOY_WEBHOOK_SECRET</c> are used; when those are empty too, the silo makes one and prints it.
    /// </summary>
    public string? DrainSecret { get; set; }
}
