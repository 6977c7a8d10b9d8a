using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Activity.Grains.Export;
using Activity.Grains.Reports;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Activity.Silo.Limits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Reports;

/// <summary>
/// <c>/api/reports</c> with a tenant's key, and the same at <c>/api/admin/reports</c> with the admin key and
/// <c>?tenantId=</c>: templates, runs asked for now, the runs with their files and deliveries, statistics
/// and the webhook secret.
/// </summary>
internal static class ReportsApi
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxRuns = 200;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder endpoints)
    {
        MapReports(endpoints.MapGroup("/api/reports").RequireAuthorization(AccessPolicies.TenantKey).RequireRateLimiting(RateLimits.Reads).WithTags("Reports"));
        MapReports(endpoints.MapGroup("/api/admin/reports").RequireAuthorization(AccessPolicies.AdminForTenant).WithTags("Admin"));
        return endpoints;
    }

    private static void MapReports(RouteGroupBuilder reports)
    {
        reports.MapGet("/templates", async (HttpContext http, IGrainFactory grains) => (await Reports(http, grains).GetTemplatesAsync()).Select(View));
        reports.MapGet("/templates/{id}", GetTemplateAsync);
        reports.MapPost("/templates", CreateTemplateAsync).TakesJson<ReportTemplateRequest>();
        reports.MapPut("/templates/{id}", UpdateTemplateAsync).TakesJson<ReportTemplateRequest>();
        reports.MapDelete("/templates/{id}", DeleteTemplateAsync);
        reports.MapPost("/generate", GenerateAsync).CountsAsExpensive().TakesJson<GenerateReportRequest>();
        reports.MapGet("/runs", ListRunsAsync);
        reports.MapGet("/runs/{id}", GetRunAsync);
        reports.MapGet("/runs/{id}/download", DownloadAsync);
        reports.MapGet("/statistics", (HttpContext http, IGrainFactory grains) => Reports(http, grains).GetStatisticsAsync());
        reports.MapGet("/webhook-secret", async (HttpContext http, IGrainFactory grains) => new { secret = await Reports(http, grains).GetWebhookSecretAsync(), header = ReportDeliverer.SignatureHeader });
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetTemplateAsync(string id, HttpContext http, IGrainFactory grains) =>
        await Reports(http, grains).GetTemplateAsync(id) is { } found ? TypedResults.Ok(View(found)) : NoTemplate(id);

    private static async Task<IResult> CreateTemplateAsync(HttpContext http, IGrainFactory grains)
    {
        var (template, problem) = await ReadAsync(http, routeId: null);
        if (template is null)
        {
            return problem!;
        }

        var reports = Reports(http, grains);
        switch (await reports.CreateTemplateAsync(template))
        {
            case TemplateCreation.IdTaken:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"There is a template '{template.Id}' already; PUT {http.Request.Path}/{template.Id} changes it.");
            case TemplateCreation.TooMany:
                var most = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportsOptions>>().Value.MaxTemplatesPerTenant;
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many templates", detail: $"A tenant may have {most} report templates (Activity:Reports:MaxTemplatesPerTenant); delete one first.");
        }

        return TypedResults.Created(Location(http.Request, $"templates/{template.Id}"), View((await reports.GetTemplateAsync(template.Id))!));
    }

    private static async Task<IResult> UpdateTemplateAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (template, problem) = await ReadAsync(http, routeId: id);
        if (template is null)
        {
            return problem!;
        }

        var reports = Reports(http, grains);
        return await reports.UpdateTemplateAsync(template) ? TypedResults.Ok(View((await reports.GetTemplateAsync(id))!)) : NoTemplate(id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTemplateAsync(string id, HttpContext http, IGrainFactory grains) =>
        await Reports(http, grains).DeleteTemplateAsync(id) ? TypedResults.NoContent() : NoTemplate(id);

    private static async Task<IResult> GenerateAsync(HttpContext http, IGrainFactory grains)
    {
        var (body, problem) = await JsonRequest.ReadAsync<GenerateReportRequest>(http.Request, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return problem!;
        }

        return await Reports(http, grains).GenerateAsync(body.TemplateId!) is { } run
            ? TypedResults.Accepted(Location(http.Request, $"runs/{run.Id}"), run)
            : NoTemplate(body.TemplateId!);
    }

    // Where a new template or run is read, under the same prefix (and ?tenantId=) as the request that made it.
    private static string Location(HttpRequest request, string relative)
    {
        var path = request.Path.Value!;
        return $"{path[..(path.LastIndexOf("/reports/", StringComparison.Ordinal) + "/reports/".Length)]}{relative}{request.QueryString}";
    }

    private static async Task<IResult> ListRunsAsync(HttpContext http, IReportStore store, string? templateId, string? limit)
    {
        var count = 50;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxRuns))
        {
            return Problems.BadRequest($"limit must be a whole number from 1 to {MaxRuns}; '{limit}' is not.");
        }

        return TypedResults.Ok(await store.ListAsync(http.User.TenantId(), templateId, count, http.RequestAborted));
    }

    private static async Task<Results<Ok<ReportRun>, ProblemHttpResult>> GetRunAsync(string id, HttpContext http, IReportStore store) =>
        Guid.TryParse(id, out var runId) && await store.GetAsync(http.User.TenantId(), runId, http.RequestAborted) is { } run
            ? TypedResults.Ok(run)
            : NoRun(id);

    private static async Task<IResult> DownloadAsync(string id, HttpContext http, IReportStore store)
    {
        if (!Guid.TryParse(id, out var runId) || await store.GetAsync(http.User.TenantId(), runId, http.RequestAborted) is not { } run)
        {
            return NoRun(id);
        }

        if (run.Status != "completed")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"Run {id} is {run.Status}; only a completed run has a file.");
        }

        var response = http.Response;
        Attachment.Head(response, (ExportFormats.Parse(run.Format) ?? ExportFormat.Csv).ContentType(), run.FileName);
        response.ContentLength = run.Size;
        await store.CopyFileAsync(http.User.TenantId(), runId, response.Body, http.RequestAborted);
        return TypedResults.Empty;
    }

    private static async Task<(ReportTemplate? Template, IResult? Problem)> ReadAsync(HttpContext http, string? routeId)
    {
        var (body, problem) = await JsonRequest.ReadAsync<ReportTemplateRequest>(http.Request, MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return (null, problem);
        }

        // A replaced template's id is the route's.
        if (routeId is not null && body.Id is not null && body.Id != routeId)
        {
            return (null, Problems.Invalid(new Dictionary<string, string[]> { ["id"] = [$"must be the route's id '{routeId}' or left out."] }));
        }

        // Mail goes out through the operator's server, so the operator turns it on per tenant.
        var template = body.ToTemplate(routeId);
        if (template.Recipients.Any(r => ReportRecipient.KindOf(r) == "email")
            && await http.RequestServices.GetRequiredService<Grains.Tenants.ITenantStore>().GetAsync(http.User.TenantId(), http.RequestAborted) is not { ReportMail: true })
        {
            return (null, Problems.Invalid(new Dictionary<string, string[]> { ["recipients"] = ["E-mail recipients need report mail turned on for this tenant by the operator (PUT /api/admin/tenants/{id} {\"reportMail\": true}); webhooks need nothing."] }));
        }

        return (template, null);
    }

    private static IReportsGrain Reports(HttpContext http, IGrainFactory grains) => grains.GetGrain<IReportsGrain>(http.User.TenantId());

    // A template as the routes show it: its fields and its next slot.
    private static JsonObject View(ScheduledTemplate scheduled)
    {
        var view = JsonSerializer.SerializeToNode(scheduled.Template, JsonSerializerOptions.Web)!.AsObject();
        view["nextRun"] = scheduled.NextRun is { } next ? JsonValue.Create(next) : null;
        return view;
    }

    private static ProblemHttpResult NoTemplate(string id) => Problems.NotFound($"There is no report template '{id}'.");

    private static ProblemHttpResult NoRun(string id) => Problems.NotFound($"There is no report run '{id}'.");
}
