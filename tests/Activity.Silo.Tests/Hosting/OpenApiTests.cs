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
        Assert.DoesNotContain(paths, p => p.StartsWith("/internal", StringComparison.Ordinal));
    }
}
