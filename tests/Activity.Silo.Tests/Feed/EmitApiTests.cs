using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Activity.Silo.Tests.Feed;

public sealed class EmitApiTests(FeedSiloFixture fixture) : IClassFixture<FeedSiloFixture>
{
    [Fact]
    public async Task One_event_is_accepted_with_its_id()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.PostAsync("/api/activity/emit", """{"type":"badge_earned","actorId":"u1","payload":{"badgeName":"Sprint Champion","xp":50}}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        var id = Guid.Parse((string)JsonNode.Parse(body)!["ids"]![0]!);
        await tenant.DrainAsync();
        var tile = (await tenant.TilesAsync()).Single()!;
        Assert.Equal(id.ToString(), (string?)tile["id"]);
        Assert.Equal("Badge earned: Sprint Champion (+50 XP)", (string?)tile["description"]);
    }

    [Fact]
    public async Task A_batch_gets_one_id_per_event_in_order()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var ids = await tenant.EmitAsync(Enumerable.Range(0, 5).Select(i => (object)new { type = $"type{i}", actorId = "u1" }).ToArray());
        await tenant.DrainAsync();

        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(ids.Reverse().Select(i => i.ToString()), (await tenant.TilesAsync()).Select(t => (string?)t!["id"]));
    }

    [Fact]
    public async Task The_design_route_events_emit_works_too()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        Assert.Equal(HttpStatusCode.Accepted, (await tenant.PostAsync("/api/activity/events:emit", """{"type":"vote","actorId":"u1"}""")).StatusCode);
    }

    [Fact]
    public async Task An_occurredAt_without_an_offset_is_UTC_and_one_with_an_offset_is_kept_as_that_instant()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        await tenant.EmitAsync(new { type = "vote", actorId = "plain", occurredAt = "2026-01-04T12:00:00" }, new { type = "vote", actorId = "offset", occurredAt = "2026-01-04T14:00:00+02:00" });

        var entries = (await tenant.Http().GetOkJsonAsync("/api/activity/log"))["entries"]!.AsArray();
        Assert.All(entries, e => Assert.Equal(new DateTimeOffset(2026, 1, 4, 12, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)e!["occurredAt"]!, CultureInfo.InvariantCulture)));
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_acknowledged_again_without_a_second_event()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var first = await tenant.EmitAsync(new { type = "vote", actorId = "u1", idempotencyKey = "order-7" });
        var again = await tenant.EmitAsync(new { type = "vote", actorId = "u1", idempotencyKey = "order-7" });
        await tenant.DrainAsync();

        Assert.Equal(first, again);
        Assert.Equal(1, (int)(await tenant.TilesAsync()).Single()!["count"]!);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("", "empty")]
    [InlineData("42", "one event object or an array")]
    [InlineData("[]", "send at least one event")]
    [InlineData("[null]", "must be a JSON object, not null")]
    [InlineData("""{"actorId":"u1"}""", "type")]
    [InlineData("""{"type":"vote"}""", "actorId")]
    [InlineData("""{"type":"1vote","actorId":"u1"}""", "is not an event type name")]
    [InlineData("""{"type":"vote!","actorId":"u1"}""", "is not an event type name")]
    [InlineData("""{"type":"vote","actorId":""}""", "cannot be empty")]
    [InlineData("""{"type":"vote","actorId":7}""", "must be a string")]
    [InlineData("""{"type":"vote","actorId":"u1","color":"red"}""", "'color'")]
    [InlineData("""{"type":"vote","actorId":"u1","payload":[1,2]}""", "payload")]
    [InlineData("""{"type":"vote","actorId":"u1","occurredAt":"yesterday"}""", "ISO 8601")]
    [InlineData("""{"type":"vote","actorId":"u1","occurredAt":"2999-01-01T00:00:00Z"}""", "ahead of the server's clock")]
    public async Task A_malformed_event_is_refused_naming_the_field(string body, string message)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.PostAsync("/api/activity/emit", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_payload_over_16_KB_is_refused_naming_the_event()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var big = JsonSerializer.Serialize(new object[] { new { type = "vote", actorId = "u1" }, new { type = "vote", actorId = "u1", payload = new { text = new string('x', 17 * 1024) } } });

        var response = await tenant.PostAsync("/api/activity/emit", big);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("the limit is 16,384", (string?)problem["errors"]!["events[1].payload"]![0]);
    }

    [Fact]
    public async Task A_full_batch_of_1000_is_stored_whole_and_grouped()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var events = Enumerable.Range(0, 1000).Select(i => (object)new
        {
            type = "page_view",
            actorId = $"u{i % 7}",
            itemId = i % 2 == 0 ? $"item{i}" : null,
            payload = i % 3 == 0 ? new { path = $"/p/{i}" } : null,
        }).ToArray();

        var ids = await tenant.EmitAsync(events);
        await tenant.DrainAsync();

        Assert.Equal(1000, ids.Distinct().Count());
        var group = (await tenant.TilesAsync()).Single()!;
        Assert.Equal(1000, (int)group["count"]!);
        Assert.Equal(7, group["actorIds"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_batch_of_1001_events_is_refused()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var events = JsonSerializer.Serialize(Enumerable.Range(0, 1001).Select(_ => new { type = "vote", actorId = "u1" }));

        var response = await tenant.PostAsync("/api/activity/emit", events);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1,000 per request", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_stores_none_of_them()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.PostAsync("/api/activity/emit", """[{"type":"vote","actorId":"u1"},{"type":"vote","actorId":"u2","bogus":true},{"type":"vote","actorId":"u3"}]""");
        await tenant.DrainAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("events[1].bogus", await response.Content.ReadAsStringAsync());
        Assert.Empty(await tenant.TilesAsync());
    }

    [Fact]
    public async Task A_body_larger_than_any_batch_can_be_is_refused_with_413()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);
        var huge = new StringBuilder("[").Append(string.Join(',', Enumerable.Repeat($"{{\"type\":\"vote\",\"actorId\":\"{new string('u', 20_000)}\"}}", 1000))).Append(']').ToString();

        var response = await tenant.PostAsync("/api/activity/emit", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.Http().PostAsync("/api/activity/emit", new StringContent("type=vote", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"type":"vote","actorId":"a\u0000b"}""", "actorId", "NUL character")]
    [InlineData("""{"type":"vote","actorId":"\ud800"}""", "actorId", "unpaired surrogate")]
    [InlineData("""{"type":"vote","actorId":"u1","occurredAt":"\udc00"}""", "occurredAt", "ISO 8601")]
    [InlineData("""{"type":"vote","actorId":"u1","payload":{"text":"x\u0000y"}}""", "payload", "NUL character")]
    [InlineData("""{"type":"vote","actorId":"u1","payload":{"a\u0000":1}}""", "payload", "NUL character")]
    [InlineData("""{"type":"vote","actorId":"u1","payload":{"list":["\ud800"]}}""", "payload", "unpaired surrogate")]
    [InlineData("""{"type":"vote","actorId":"u1","payload":{"n":1e400}}""", "payload", "cannot be stored")]
    [InlineData("""{"type":"vote","actorId":"u1","payload":{"n":1e-20000}}""", "payload", "cannot be stored")]
    public async Task Text_the_database_cannot_store_is_refused_naming_the_field_and_stores_nothing(string body, string field, string message)
    {
        var tenant = await FeedClient.CreateAsync(fixture.Silo);

        var response = await tenant.PostAsync("/api/activity/emit", $"[{body}]");
        await tenant.DrainAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains(message, (string?)errors[$"events[0].{field}"]![0]);
        Assert.Empty(await tenant.TilesAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer act_not_a_key")]
    public async Task Emitting_needs_a_tenant_key(string? authorization)
    {
        var client = fixture.Silo.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.PostAsync("/api/activity/emit", new StringContent("""{"type":"vote","actorId":"u1"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
