using Activity.Grains.Retention;
using Activity.Silo.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Retention;

/// <summary>
/// <c>/api/admin/retention</c> (admin key): run the cluster's retention job now, and see its last run.
/// Its reminder runs it every <c>Activity:Retention:Interval</c> (a day) anyway.
/// </summary>
internal static class RetentionApi
{
    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/retention").RequireAuthorization(AccessPolicies.AdminKey).WithTags("Admin");
        group.MapPost("/run", RunAsync);
        group.MapGet("/", LastRunAsync);
        return endpoints;
    }

    private static async Task<Ok<RetentionReport>> RunAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IRetentionGrain>(0).RunAsync());

    private static async Task<Ok<LastRun>> LastRunAsync(IGrainFactory grains) =>
        TypedResults.Ok(new LastRun(await grains.GetGrain<IRetentionGrain>(0).LastRunAsync()));

    /// <summary>The last run on the grain's current activation, or null when none ran since it started.</summary>
    internal sealed record LastRun(RetentionReport? Run);
}
