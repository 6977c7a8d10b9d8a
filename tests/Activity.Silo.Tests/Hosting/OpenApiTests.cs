using System.Net;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Silo.Tests.Hosting;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_openapi_document_describes_the_public_routes_and_not_the_internal_ones()
    {
        await using var silo = SiloFactory.Embedded();

        var response = await silo.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/activity/emit", paths);
        Assert.Contains("/api/activity/events", paths);
        Assert.Contains("/api/activity/reactions", paths);
        Assert.Contains("/api/admin/tenants", paths);

        // What the console needed for the admin key, there for everyone.
        Assert.Contains("/api/admin/activity/tokens", paths);
        Assert.Contains("/api/admin/activity/log", paths);
        Assert.Contains("/api/admin/dashboard/users/{userId}/weekly", paths);

        // The console's files are not API.
        Assert.DoesNotContain(paths, p => p.StartsWith("/console", StringComparison.Ordinal) || p == "/");
        Assert.DoesNotContain(paths, p => p.StartsWith("/internal", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/activity/emit", "post", "actorId")]
    [InlineData("/api/activity/reactions", "post", "reactionType")]
    [InlineData("/api/activity/comments", "post", "body")]
    [InlineData("/api/admin/tenants", "post", "name")]
    [InlineData("/api/admin/tenants/{tenantId}", "put", "retentionDays")]
    [InlineData("/api/reports/generate", "post", "templateId")]
    [InlineData("/api/admin/activity/tokens", "post", "userId")]
    [InlineData("/api/reports/templates", "post", "schedule")]
    [InlineData("/api/admin/tenants/{tenantId}/milestones", "put", "tasksBurst")]
    public async Task Request_bodies_are_described_with_their_fields(string path, string method, string field)
    {
        await using var silo = SiloFactory.Embedded();

        var document = JsonNode.Parse(await silo.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var schema = document["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        if (schema["$ref"] is { } reference)
        {
            schema = document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]!;
        }

        Assert.NotNull(schema["properties"]![field]);
    }
}
