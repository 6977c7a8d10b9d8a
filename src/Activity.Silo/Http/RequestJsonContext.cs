using System.Text.Json;
using System.Text.Json.Serialization;
using Activity.Silo.Feed;
using Activity.Silo.Milestones;
using Activity.Silo.Reports;
using Activity.Silo.Tenants;

namespace Activity.Silo.Http;

/// <summary>
/// How request bodies are read (<see cref="JsonRequest"/>): camelCase names matched exactly, numbers only
/// as numbers, and a field the request does not have, or has twice, is refused rather than ignored.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = JsonBody.MaxDepth)]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(TenantSettingsRequest))]
[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(CommentRequest))]
[JsonSerializable(typeof(GenerateReportRequest))]
[JsonSerializable(typeof(MilestonesRequest))]
[JsonSerializable(typeof(ReportTemplateRequest))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
