using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Activity.Silo.Tests.Feed;

namespace Activity.Silo.Tests.Tenants;

public sealed class TenantsApiTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task A_created_tenant_gets_a_key_that_works_and_is_listed_without_it()
    {
        var name = $"acme-{Guid.NewGuid():N}";
        var tenant = await FeedClient.CreateAsync(fixture.Silo, name);

        Assert.StartsWith("ten_", tenant.TenantId);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http().GetAsync("/api/activity/events")).StatusCode);
        var listed = (await Admin().GetFromJsonAsync<JsonArray>("/api/admin/tenants"))!.Single(t => (string?)t!["id"] == tenant.TenantId)!;
        Assert.Equal(name, (string?)listed["name"]);
        Assert.Null(listed["apiKey"]);
        Assert.DoesNotContain(tenant.ApiKey, await Admin().GetStringAsync("/api/admin/tenants"));
    }

    [Fact]
    public async Task A_taken_name_is_a_conflict()
    {
        var name = $"acme-{Guid.NewGuid():N}";
        await FeedClient.CreateAsync(fixture.Silo, name);

        var response = await Admin().PostAsJsonAsync("/api/admin/tenants", new { name = name.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("exists already", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rotated_key_replaces_the_old_one_at_once()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Http().GetAsync("/api/activity/events")).StatusCode);

        var response = await Admin().PostAsync($"/api/admin/tenants/{tenant.TenantId}/rotate-key", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["apiKey"]!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await tenant.Http().GetAsync("/api/activity/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new FeedClient(fixture.Silo, tenant.TenantId, fresh).Http().GetAsync("/api/activity/events")).StatusCode);
    }

    [Fact]
    public async Task Rotating_the_key_of_an_unknown_tenant_is_not_found() =>
        Assert.Equal(HttpStatusCode.NotFound, (await Admin().PostAsync("/api/admin/tenants/ten_missing/rotate-key", null)).StatusCode);

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-admin-key")]
    public async Task The_admin_api_needs_the_admin_key(string? authorization)
    {
        var client = fixture.Silo.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("/api/admin/tenants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Activity:AdminKey", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tenant_key_does_not_open_the_admin_api()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Http().GetAsync("/api/admin/tenants")).StatusCode);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "name")]
    [InlineData("""{"name":"   "}""", "cannot be empty")]
    [InlineData("""{"name":42}""", "must be a string")]
    [InlineData("""{"name":"acme","plan":"gold"}""", "'plan'")]
    [InlineData("""{"Name":"acme"}""", "'Name' is not a field of this request; the fields are name.")]
    public async Task A_malformed_tenant_is_refused_saying_what_to_fix(string body, string message)
    {
        var response = await Admin().PostAsync("/api/admin/tenants", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_name_longer_than_100_characters_is_refused()
    {
        var response = await Admin().PostAsJsonAsync("/api/admin/tenants", new { name = new string('a', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 100", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Allowed_origins_and_report_mail_are_set_normalised_and_listed()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await Admin().PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}", new { allowedOrigins = new[] { "https://App.Example.com", "http://localhost:5173" }, reportMail = true });
        var retentionOnly = await Admin().PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}", new { retentionDays = 30 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = (await Admin().GetFromJsonAsync<JsonArray>("/api/admin/tenants"))!.Single(t => (string?)t!["id"] == tenant.TenantId)!;
        Assert.Equal(["https://app.example.com", "http://localhost:5173"], listed["allowedOrigins"]!.AsArray().Select(o => (string?)o));
        Assert.True((bool)listed["reportMail"]!);
        Assert.Equal(30, (int)JsonNode.Parse(await retentionOnly.Content.ReadAsStringAsync())!["retentionDays"]!);
    }

    [Theory]
    [InlineData("""{"allowedOrigins":["https://*.example.com"]}""", "is not an origin")]
    [InlineData("""{"allowedOrigins":["https://app.example.com/path"]}""", "is not an origin")]
    [InlineData("""{"allowedOrigins":["app.example.com"]}""", "is not an origin")]
    [InlineData("""{"allowedOrigins":["*","https://app.example.com"]}""", "stands alone")]
    [InlineData("""{"reportMail":"yes"}""", "must be")]
    public async Task A_bad_origin_is_refused_saying_what_to_fix(string body, string says)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await Admin().PutAsync($"/api/admin/tenants/{tenant.TenantId}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }

    private HttpClient Admin() => fixture.Silo.CreateAdminClient();
}
