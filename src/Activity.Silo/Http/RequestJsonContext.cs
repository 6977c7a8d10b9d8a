using System.Text.Json;
using System.Text.Json.Serialization;
using Activity.Abstractions.Ingest;
using Activity.Silo.Auth;
using Activity.Silo.Feed;
using Activity.Silo.Milestones;
using Activity.Silo.Reports;
using Activity.Silo.Tenants;

namespace Activity.Silo.Http;

/// <summary>
/// How request bodies are read (<see cref="JsonRequest"/>, and the emit's events): camelCase names matched exactly, numbers only
/// as numbers, and a field the request does not have is refused rather than ignored (a repeated one: the last counts).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = JsonBody.MaxDepth,
    Converters = [typeof(UtcInstantConverter)])]
[JsonSerializable(typeof(EventInput))]
[JsonSerializable(typeof(EventInput[]))]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(TenantSettingsRequest))]
[JsonSerializable(typeof(ReactionRequest))]
[JsonSerializable(typeof(CommentRequest))]
[JsonSerializable(typeof(GenerateReportRequest))]
[JsonSerializable(typeof(MilestonesRequest))]
[JsonSerializable(typeof(ReportTemplateRequest))]
[JsonSerializable(typeof(TokenRequest))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
