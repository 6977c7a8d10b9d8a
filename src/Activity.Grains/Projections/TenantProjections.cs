using Activity.Grains.Dashboard;
using Microsoft.Extensions.Options;

namespace Activity.Grains.Projections;

/// <summary>
/// The grains that follow each tenant's log: the ingestor hands every one of them each write's new events,
/// the sweep wakes them, a drain waits for them. The feed always; the dashboard router while dashboards
/// are on; one <see cref="TableProjectionGrain"/> per projection the database computes (analytics, on PostgreSQL).
/// </summary>
public sealed class TenantProjections(IGrainFactory grains, IOptions<DashboardOptions> dashboards, IEnumerable<ITableProjection> tables)
{
    /// <summary>The grain type of a tenant's feed (key: tenant id).</summary>
    public const string Feed = "feed";

    /// <summary>The grain type of a tenant's dashboard router (key: tenant id).</summary>
    public const string DashboardRouter = "dashboard-router";

    /// <summary>The grain type of a tenant's projection computed by the database (key: <c>{projection}/{tenant id}</c>).</summary>
    public const string Table = "table-projection";

    /// <summary>Every projection of a tenant's log, by name: <see cref="Feed"/>, <see cref="DashboardRouter"/>, or a table projection's name.</summary>
    public IReadOnlyList<TenantProjection> All { get; } =
    [
        new(Feed, Feed, Events: true),
        .. dashboards.Value.Enabled ? [new TenantProjection(DashboardRouter, DashboardRouter, Events: true)] : Array.Empty<TenantProjection>(),
        .. tables.Select(t => new TenantProjection(t.Name, Table, Events: false)),
    ];

    /// <summary>The tenant's grain of <paramref name="projection"/>.</summary>
    public IProjectionGrain Of(TenantProjection projection, string tenantId) =>
        grains.GetGrain<IProjectionGrain>(GrainId.Create(projection.GrainType, projection.GrainType == Table ? $"{projection.Name}/{tenantId}" : tenantId));

    /// <summary>The projection name and tenant of a table projection grain's key.</summary>
    public static (string Name, string TenantId) ParseTableKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"'{key}' is not a table projection key ({{projection}}/{{tenant id}}).", nameof(key));
    }
}

/// <summary>One projection of a tenant's log.</summary>
/// <param name="Name">Its name.</param>
/// <param name="GrainType">The grain type that follows the log for it.</param>
/// <param name="Events">Whether it is handed the events themselves, or only their range (the database reads them).</param>
public sealed record TenantProjection(string Name, string GrainType, bool Events);
