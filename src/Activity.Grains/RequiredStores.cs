using Activity.Grains.Analytics;
using Activity.Grains.Audit;
using Activity.Grains.Feed;
using Activity.Grains.Ingest;
using Activity.Grains.Reports;
using Activity.Grains.Retention;
using Activity.Grains.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Grains;

/// <summary>
/// The stores the grains need, chosen explicitly (<c>AddActivityMemoryStores()</c> or
/// <c>AddActivityPostgres(...)</c>) before <see cref="ActivitySiloBuilderExtensions.AddActivityGrains"/>, which
/// checks them: a silo missing one fails as it is built, naming every one missing, rather than at its
/// first request or with the container's word for the first missing one.
/// </summary>
internal static class RequiredStores
{
    /// <summary>Every store interface the grains resolve.</summary>
    public static readonly Type[] All =
    [
        typeof(ITenantStore), typeof(IEventLog), typeof(IAuditLog), typeof(IAnalyticsQueries),
        typeof(IEventRetention), typeof(IFeedStore), typeof(IReportStore),
    ];

    /// <summary>Throws, naming what is missing, unless every store is registered.</summary>
    public static void Check(IServiceCollection services)
    {
        var missing = All.Where(type => !services.Any(d => d.ServiceType == type)).Select(type => type.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No store is registered for {string.Join(", ", missing)}: call AddActivityMemoryStores() or AddActivityPostgres(connectionString) on the silo builder before AddActivityGrains().");
        }
    }
}
