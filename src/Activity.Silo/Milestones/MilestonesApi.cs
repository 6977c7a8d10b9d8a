using Activity.Domain.Events;
using Activity.Domain.Milestones;
using Activity.Grains.Ingest;
using Activity.Grains.Milestones;
using Activity.Grains.Tenants;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Milestones;

/// <summary>
/// <c>GET/PUT /api/admin/tenants/{tenantId}/milestones</c> (admin key): the tenant's milestone rules.
/// A PUT replaces them whole; a rule left out is off. Every silo uses new rules within
/// <see cref="MilestoneRulesCache.Remember"/>.
/// </summary>
internal static class MilestonesApi
{
    private const int MaxBodyBytes = 4 * 1024;
    private const int MaxThresholds = 20;
    private static readonly JsonFieldNames RuleFields = new("streak", "tasksBurst", "xpRankUp");
    private static readonly JsonFieldNames StreakFields = new("enabled");
    private static readonly JsonFieldNames BurstFields = new("enabled", "type", "count");
    private static readonly JsonFieldNames XpFields = new("enabled", "field", "thresholds");

    public static IEndpointRouteBuilder MapMilestonesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/tenants/{tenantId}/milestones").RequireAdminKey().WithTags("Admin");
        group.MapGet("/", GetAsync);
        group.MapPut("/", PutAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<MilestoneRules>, ProblemHttpResult>> GetAsync(string tenantId, ITenantStore tenants, CancellationToken cancellationToken) =>
        await UnknownAsync(tenantId, tenants, cancellationToken) is { } missing
            ? missing
            : TypedResults.Ok(await tenants.GetMilestonesAsync(tenantId, cancellationToken));

    private static async Task<IResult> PutAsync(string tenantId, HttpRequest request, ITenantStore tenants, MilestoneRulesCache cache, CancellationToken cancellationToken)
    {
        if (await UnknownAsync(tenantId, tenants, cancellationToken) is { } missing)
        {
            return missing;
        }

        var (body, problem) = await JsonBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        using (body)
        {
            var errors = new Dictionary<string, List<string>>();
            var rules = Read(body.RootElement, errors);
            if (errors.ToProblem() is { } invalid)
            {
                return invalid;
            }

            await tenants.SetMilestonesAsync(tenantId, rules!, cancellationToken);
            cache.Forget(tenantId);
            return TypedResults.Ok(rules);
        }
    }

    private static MilestoneRules? Read(System.Text.Json.JsonElement body, Dictionary<string, List<string>> errors)
    {
        var fields = JsonFields.Of(body, "", errors, RuleFields);
        if (fields is null)
        {
            return null;
        }

        var streak = fields.Nested("streak", StreakFields);
        var streakOn = streak?.Bool("enabled", required: true) ?? false;

        var burst = fields.Nested("tasksBurst", BurstFields);
        var burstOn = burst?.Bool("enabled", required: true) ?? false;
        var burstType = burst?.String("type", required: burstOn, EventRules.MaxTypeLength);
        if (burstType is not null && !EventTypeName.IsValid(burstType))
        {
            burst!.Fail("type", $"'{burstType}' is not an event type name: use {EventTypeName.Rule}.");
        }

        var burstCount = burst?.Int("count", 2, 1000) ?? BurstRule.DefaultCount;

        var xp = fields.Nested("xpRankUp", XpFields);
        var xpOn = xp?.Bool("enabled", required: true) ?? false;
        var xpField = xp?.String("field", required: xpOn, 64);
        var thresholds = xp?.AscendingNumbers("thresholds", MaxThresholds);
        if (xpOn && thresholds is null)
        {
            xp!.Fail("thresholds", $"is required when the rule is on: 1 to {MaxThresholds} ascending sums, such as [100, 500, 1000].");
        }

        return new MilestoneRules(new StreakRule(streakOn), new BurstRule(burstOn, burstType, burstCount), new XpRule(xpOn, xpField, thresholds ?? []));
    }

    private static async Task<ProblemHttpResult?> UnknownAsync(string tenantId, ITenantStore tenants, CancellationToken cancellationToken) =>
        TenantKeys.IsTenantId(tenantId) && await tenants.GetAsync(tenantId, cancellationToken) is not null
            ? null
            : Problems.NotFound($"There is no tenant '{tenantId}'.");
}
