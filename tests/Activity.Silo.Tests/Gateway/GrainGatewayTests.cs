using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Activity.Testing;

namespace Activity.Silo.Tests.Gateway;

public sealed class GrainGatewayTests : IAsyncLifetime
{
    private const string Echo = "/internal/grains/Activity.Testing.Grains.IEchoGrain";
    private readonly SiloFactory _silo = SiloFactory.Embedded();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _silo.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloFactory.TestClusterKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_call_returns_the_result_as_json()
    {
        var response = await _client.PostAsJsonAsync($"{Echo}/Add", new { key = "a", arguments = new[] { 2, 3 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, await response.Content.ReadFromJsonAsync<int>());
    }

    [Fact]
    public async Task A_call_to_a_method_returning_no_value_answers_204()
    {
        var response = await _client.PostAsJsonAsync($"{Echo}/Remember", new { key = "a", arguments = new[] { "x" } });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Basic c2lsbzpzaWxv")]
    public async Task A_call_without_the_cluster_key_is_refused_with_401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Echo}/Add") { Content = JsonContent.Create(new { key = "a", arguments = new[] { 1, 2 } }) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await _silo.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Activity:ClusterKey", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("[]", "must be an object")]
    [InlineData("""{"arguments":[1,2]}""", "needs a string 'key'")]
    [InlineData("""{"key":"a","arguments":[1,2],"extra":true}""", "Unknown or mistyped field 'extra'")]
    [InlineData("""{"key":"a","arguments":{"a":1}}""", "must be a JSON array")]
    [InlineData("""{"key":"a","arguments":["two","three"]}""", "Argument 'a' of IEchoGrain.Add must be Int32")]
    [InlineData("""{"key":"a","arguments":[null,1]}""", "Argument 'a' of IEchoGrain.Add must be Int32")]
    public async Task A_malformed_call_answers_400_saying_what_to_fix(string body, string message)
    {
        var response = await _client.PostAsync($"{Echo}/Add", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);
    }

    [Theory]
    [InlineData("/internal/grains/No.Such.IGrain/Add", "serves no grain interface 'No.Such.IGrain'")]
    [InlineData($"{Echo}/Subtract", "has no method 'Subtract' taking 2 argument(s)")]
    public async Task An_unknown_interface_or_method_answers_404(string path, string message)
    {
        var response = await _client.PostAsJsonAsync(path, new { key = "a", arguments = new[] { 1, 2 } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("argument", HttpStatusCode.BadRequest, "System.ArgumentException")]
    [InlineData("invalid", HttpStatusCode.UnprocessableEntity, "System.InvalidOperationException")]
    [InlineData("other", HttpStatusCode.UnprocessableEntity, "System.FormatException")]
    public async Task A_grains_exception_answers_problem_json_naming_its_type(string kind, HttpStatusCode status, string type)
    {
        var response = await _client.PostAsJsonAsync($"{Echo}/Throw", new { key = "a", arguments = new[] { kind, "it went wrong" } });

        Assert.Equal(status, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(type, (string?)problem["exceptionType"]);
        Assert.Equal("it went wrong", (string?)problem["detail"]);
        Assert.Equal("a", (string?)problem["key"]);
    }
}
