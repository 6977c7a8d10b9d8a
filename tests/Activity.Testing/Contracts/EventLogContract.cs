using System.Text.Json;
using Activity.Grains.Ingest;

namespace Activity.Testing.Contracts;

/// <summary>What every <see cref="IEventLog"/> must do.</summary>
public abstract class EventLogContract
{
    private static readonly DateTimeOffset Nine = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private readonly string _tenant = "ten_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The log under test.</summary>
    protected abstract IEventLog EventLog { get; }

    [Fact]
    public async Task Events_get_sequences_one_two_three_in_their_order()
    {
        var events = Enumerable.Range(0, 3).Select(i => Event($"t{i}")).ToList();

        var result = await EventLog.AppendAsync(events, Day, default);

        Assert.Equal(events.Select(e => e.Id), result.Ids);
        Assert.Equal([1L, 2, 3], result.Sequences);
        Assert.Equal(new(1, 3), result.Ranges[_tenant]);
        var read = await EventLog.ReadAsync(_tenant, 0, 10, default);
        Assert.Equal([1L, 2, 3], read.Select(e => e.Sequence));
        Assert.Equal(["t0", "t1", "t2"], read.Select(e => e.Type));
    }

    [Fact]
    public async Task Reading_starts_after_the_given_sequence_and_stops_at_the_maximum()
    {
        await EventLog.AppendAsync([.. Enumerable.Range(0, 10).Select(i => Event($"t{i}"))], Day, default);

        var read = await EventLog.ReadAsync(_tenant, 4, 3, default);

        Assert.Equal([5L, 6, 7], read.Select(e => e.Sequence));
        Assert.Empty(await EventLog.ReadAsync(_tenant, 10, 3, default));
    }

    [Fact]
    public async Task A_users_read_holds_what_they_made_and_what_names_them_owner_in_order()
    {
        await EventLog.AppendAsync(
        [
            Event("vote") with { ActorId = "ann", ItemOwnerId = "bob" },
            Event("vote") with { ActorId = "cat", ItemOwnerId = "dan" },
            Event("comment") with { ActorId = "bob", ItemOwnerId = "bob" },
            Event("view") with { ActorId = "cat", ItemOwnerId = "bob" },
            Event("vote") with { ActorId = "bob" },
        ], Day, default);

        Assert.Equal([1L, 3, 4, 5], (await EventLog.ReadUserAsync(_tenant, "bob", 0, 10, default)).Select(e => e.Sequence));
        Assert.Equal([3L, 4], (await EventLog.ReadUserAsync(_tenant, "bob", 1, 2, default)).Select(e => e.Sequence));
        Assert.Empty(await EventLog.ReadUserAsync(_tenant, "bob", 5, 10, default));
        Assert.Empty(await EventLog.ReadUserAsync("ten_other", "bob", 0, 10, default));
    }

    [Fact]
    public async Task Every_field_comes_back_as_it_went_in()
    {
        var sent = Event("badge_earned") with
        {
            ItemId = "item-1",
            ItemOwnerId = "owner-1",
            OccurredAt = Nine.AddMinutes(-3),
            Payload = JsonDocument.Parse("""{"badgeName":"Sprint Champion","xp":50,"tags":["a","b"]}""").RootElement.Clone(),
        };
        await EventLog.AppendAsync([sent], Day, default);

        var read = Assert.Single(await EventLog.ReadAsync(_tenant, 0, 10, default));

        Assert.Equal((sent.Id, sent.Type, sent.ActorId, sent.ItemId, sent.ItemOwnerId, sent.OccurredAt, sent.ReceivedAt), (read.Id, read.Type, read.ActorId, read.ItemId, read.ItemOwnerId, read.OccurredAt, read.ReceivedAt));
        Assert.Equal(TimeSpan.Zero, read.ReceivedAt.Offset);
        Assert.True(JsonElement.DeepEquals(sent.Payload!.Value, read.Payload!.Value));
    }

    [Fact]
    public async Task Each_tenant_has_its_own_sequence()
    {
        var other = _tenant + "-other";
        await EventLog.AppendAsync([Event("a"), Event("b") with { TenantId = other }, Event("c")], Day, default);

        Assert.Equal([1L, 2], (await EventLog.ReadAsync(_tenant, 0, 10, default)).Select(e => e.Sequence));
        Assert.Equal("b", Assert.Single(await EventLog.ReadAsync(other, 0, 10, default)).Type);
        var last = await EventLog.HighWatersAsync(default);
        Assert.Equal(2, last[_tenant]);
        Assert.Equal(1, last[other]);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_acknowledged_with_the_first_id_and_stored_once()
    {
        var first = Event("vote") with { IdempotencyKey = "k1" };
        await EventLog.AppendAsync([first], Day, default);

        var again = await EventLog.AppendAsync([Event("vote") with { IdempotencyKey = "k1", ReceivedAt = Nine.AddHours(23) }], Day, default);

        Assert.Equal([first.Id], again.Ids);
        Assert.Single(await EventLog.ReadAsync(_tenant, 0, 10, default));
    }

    [Fact]
    public async Task A_key_repeated_within_one_append_is_one_event()
    {
        var first = Event("vote") with { IdempotencyKey = "k1" };

        var result = await EventLog.AppendAsync([first, Event("vote") with { IdempotencyKey = "k1" }, Event("other")], Day, default);

        Assert.Equal(first.Id, result.Ids[0]);
        Assert.Equal(first.Id, result.Ids[1]);
        Assert.Equal([1L, 0, 2], result.Sequences);
        Assert.Equal(["vote", "other"], (await EventLog.ReadAsync(_tenant, 0, 10, default)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_key_older_than_the_window_makes_a_new_event()
    {
        await EventLog.AppendAsync([Event("vote") with { IdempotencyKey = "k1" }], Day, default);
        var later = Event("vote") with { IdempotencyKey = "k1", ReceivedAt = Nine.AddHours(25) };

        var result = await EventLog.AppendAsync([later], Day, default);

        Assert.Equal([later.Id], result.Ids);
        Assert.Equal(2, (await EventLog.ReadAsync(_tenant, 0, 10, default)).Count);
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_their_tenant()
    {
        var other = _tenant + "-other";
        await EventLog.AppendAsync([Event("vote") with { IdempotencyKey = "k1" }], Day, default);
        var theirs = Event("vote") with { TenantId = other, IdempotencyKey = "k1" };

        Assert.Equal([theirs.Id], (await EventLog.AppendAsync([theirs], Day, default)).Ids);
    }

    [Fact]
    public async Task A_forgotten_key_makes_a_new_event()
    {
        await EventLog.AppendAsync([Event("vote") with { IdempotencyKey = "k1" }], Day, default);

        Assert.True(await EventLog.ForgetIdempotencyKeysAsync(Nine.AddMinutes(1), default) >= 1);

        var again = Event("vote") with { IdempotencyKey = "k1", ReceivedAt = Nine.AddMinutes(2) };
        Assert.Equal([again.Id], (await EventLog.AppendAsync([again], Day, default)).Ids);
    }

    [Fact]
    public async Task Concurrent_appends_give_every_event_its_own_sequence_without_gaps()
    {
        var appends = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            EventLog.AppendAsync([.. Enumerable.Range(0, 25).Select(j => Event($"t{i}-{j}"))], Day, default)));

        await Task.WhenAll(appends);

        var read = await EventLog.ReadAsync(_tenant, 0, 1000, default);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal(200, read.Select(e => e.Id).Distinct().Count());
    }

    private NewEvent Event(string type) =>
        new(_tenant, Guid.CreateVersion7(), type, "actor-1", null, null, Nine, Nine, null, null);
}
