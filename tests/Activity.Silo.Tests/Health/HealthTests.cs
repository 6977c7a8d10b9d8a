using System.Net;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Silo.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task An_embedded_silo_is_live_and_ready()
    {
        await using var silo = SiloFactory.Embedded();
        var client = silo.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)body["checks"]!["silo"]!["status"]);
    }

    [Fact]
    public async Task A_silo_on_PostgreSQL_is_ready_when_the_database_answers()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        await using var silo = SiloFactory.OnPostgres(database.ConnectionString);

        var ready = await silo.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)body["checks"]!["postgres"]!["status"]);
    }

    [Fact]
    public async Task Losing_the_database_makes_the_silo_unready_but_still_live_and_says_so_without_the_error_text()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        await using var silo = SiloFactory.OnPostgres(database.ConnectionString);
        var client = silo.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await database.BlockAsync();

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!;
        Assert.Equal("Unhealthy", (string?)body["checks"]!["postgres"]!["status"]);
        Assert.Equal("PostgreSQL refused or dropped the connection.", (string?)body["checks"]!["postgres"]!["description"]);
        // PostgreSQL's own message names the database; the public answer must not.
        Assert.DoesNotContain(database.Name, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await database.UnblockAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_answers_problem_json()
    {
        await using var silo = SiloFactory.Embedded();

        var response = await silo.CreateClient().GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
