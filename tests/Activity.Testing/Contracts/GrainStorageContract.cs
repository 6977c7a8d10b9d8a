using Activity.Runtime.Grains;
using Activity.Runtime.State;

namespace Activity.Testing.Contracts;

/// <summary>What every <see cref="IGrainStorage"/> must do; a test class per implementation derives from it.</summary>
public abstract class GrainStorageContract
{
    private readonly GrainId _grain = new("ContractGrain", Guid.NewGuid().ToString("N"));

    /// <summary>The storage under test.</summary>
    protected abstract IGrainStorage Storage { get; }

    [Fact]
    public async Task Reading_a_state_never_written_returns_null()
    {
        Assert.Null(await Storage.ReadAsync(_grain, "state", default));
    }

    [Fact]
    public async Task First_write_returns_an_etag_and_reads_back()
    {
        var etag = await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);

        var record = await Storage.ReadAsync(_grain, "state", default);
        Assert.NotNull(record);
        Assert.Equal(etag, record.ETag);
        AssertJson("""{"count":1}""", record.Payload);
    }

    [Fact]
    public async Task Write_with_the_current_etag_replaces_the_payload_and_changes_the_etag()
    {
        var first = await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);

        var second = await Storage.WriteAsync(_grain, "state", """{"count":2}""", first, default);

        Assert.NotEqual(first, second);
        var record = await Storage.ReadAsync(_grain, "state", default);
        Assert.Equal(second, record!.ETag);
        AssertJson("""{"count":2}""", record.Payload);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_and_changes_nothing()
    {
        var first = await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);
        var second = await Storage.WriteAsync(_grain, "state", """{"count":2}""", first, default);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(_grain, "state", """{"count":99}""", first, default));

        Assert.Equal(second, error.StoredEtag);
        var record = await Storage.ReadAsync(_grain, "state", default);
        Assert.Equal(second, record!.ETag);
        AssertJson("""{"count":2}""", record.Payload);
    }

    [Fact]
    public async Task First_write_without_etag_throws_when_a_record_exists()
    {
        await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(_grain, "state", """{"count":2}""", null, default));
    }

    [Fact]
    public async Task Write_with_an_etag_storage_never_issued_throws()
    {
        await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(_grain, "state", """{"count":2}""", "not-a-version", default));
    }

    [Fact]
    public async Task Write_with_an_etag_when_nothing_is_stored_throws()
    {
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(_grain, "state", """{"count":2}""", "1", default));
        Assert.Null(await Storage.ReadAsync(_grain, "state", default));
    }

    [Fact]
    public async Task Clear_removes_the_payload_and_issues_a_new_etag()
    {
        var written = await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);

        var cleared = await Storage.ClearAsync(_grain, "state", written, default);

        Assert.NotNull(cleared);
        Assert.NotEqual(written, cleared);
        var record = await Storage.ReadAsync(_grain, "state", default);
        Assert.Null(record!.Payload);
        Assert.Equal(cleared, record.ETag);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_keeps_the_payload()
    {
        var first = await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);
        await Storage.WriteAsync(_grain, "state", """{"count":2}""", first, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(_grain, "state", first, default));

        AssertJson("""{"count":2}""", (await Storage.ReadAsync(_grain, "state", default))!.Payload);
    }

    [Fact]
    public async Task Clearing_nothing_without_an_etag_is_a_no_op()
    {
        Assert.Null(await Storage.ClearAsync(_grain, "state", null, default));
        Assert.Null(await Storage.ReadAsync(_grain, "state", default));
    }

    [Fact]
    public async Task A_cleared_state_is_written_again_with_the_etag_of_the_clear()
    {
        var written = await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);
        var cleared = await Storage.ClearAsync(_grain, "state", written, default);

        var again = await Storage.WriteAsync(_grain, "state", """{"count":3}""", cleared, default);

        AssertJson("""{"count":3}""", (await Storage.ReadAsync(_grain, "state", default))!.Payload);
        Assert.NotEqual(written, again);
    }

    [Fact]
    public async Task An_etag_from_before_a_clear_never_matches_again()
    {
        var written = await Storage.WriteAsync(_grain, "state", """{"count":1}""", null, default);
        var cleared = await Storage.ClearAsync(_grain, "state", written, default);
        await Storage.WriteAsync(_grain, "state", """{"count":2}""", cleared, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(_grain, "state", """{"count":9}""", written, default));
    }

    [Fact]
    public async Task States_are_kept_apart_by_grain_type_key_and_state_name()
    {
        var otherKey = _grain with { Key = _grain.Key + "-other" };
        var otherType = _grain with { Type = "OtherContractGrain" };
        await Storage.WriteAsync(_grain, "state", """{"who":"a"}""", null, default);
        await Storage.WriteAsync(_grain, "other", """{"who":"b"}""", null, default);
        await Storage.WriteAsync(otherKey, "state", """{"who":"c"}""", null, default);
        await Storage.WriteAsync(otherType, "state", """{"who":"d"}""", null, default);

        AssertJson("""{"who":"a"}""", (await Storage.ReadAsync(_grain, "state", default))!.Payload);
        AssertJson("""{"who":"b"}""", (await Storage.ReadAsync(_grain, "other", default))!.Payload);
        AssertJson("""{"who":"c"}""", (await Storage.ReadAsync(otherKey, "state", default))!.Payload);
        AssertJson("""{"who":"d"}""", (await Storage.ReadAsync(otherType, "state", default))!.Payload);
    }

    [Fact]
    public async Task Of_concurrent_writes_with_the_same_etag_exactly_one_wins()
    {
        var etag = await Storage.WriteAsync(_grain, "state", """{"count":0}""", null, default);

        var attempts = Enumerable.Range(1, 8)
            .Select(i => Task.Run(() => Storage.WriteAsync(_grain, "state", $$"""{"count":{{i}}}""", etag, default)))
            .ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                return await a;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(winner, (await Storage.ReadAsync(_grain, "state", default))!.ETag);
    }

    // PostgreSQL's jsonb may reformat whitespace; compare meaning, not bytes.
    private static void AssertJson(string expected, string? actual)
    {
        Assert.NotNull(actual);
        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), System.Text.Json.Nodes.JsonNode.Parse(actual)),
            $"Expected {expected}, got {actual}");
    }
}
