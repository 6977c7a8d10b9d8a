using Activity.Runtime.Grains;
using Activity.Testing;
using Activity.Testing.Grains;

namespace Activity.Client.Tests;

public sealed class ActivityClientTests : IAsyncLifetime
{
    private readonly SiloFactory _silo = SiloFactory.Embedded();
    private ActivityClient _client = null!;

    public Task InitializeAsync()
    {
        _client = new ActivityClient(_silo.CreateClient(), SiloFactory.TestClusterKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task A_remote_call_returns_the_grains_result()
    {
        Assert.Equal(5, await _client.GetGrain<IEchoGrain>("a").Add(2, 3));
        Assert.Equal("some/key with spaces", await _client.GetGrain<IEchoGrain>("some/key with spaces").Key());
    }

    [Fact]
    public async Task Records_lists_instants_enums_and_nulls_travel_both_ways()
    {
        var sent = new EchoMessage("hi", [1, 2, 3], new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero), EchoKind.Fancy, null);

        var received = await _client.GetGrain<IEchoGrain>("a").Echo(sent);

        Assert.Equal("hi!", received.Text);
        Assert.Equal([1, 2, 3], received.Numbers);
        Assert.Equal(sent.At, received.At);
        Assert.Equal(EchoKind.Fancy, received.Kind);
        Assert.Null(received.Note);
    }

    [Fact]
    public async Task Calls_reach_the_same_activation_and_keep_their_order()
    {
        var grain = _client.GetGrain<IEchoGrain>("ordered");

        for (var i = 0; i < 20; i++)
        {
            await grain.Remember($"m{i}");
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}"), await grain.Remembered());
    }

    [Fact]
    public async Task Concurrent_remote_calls_to_one_grain_lose_nothing()
    {
        var grain = _client.GetGrain<ICounterGrain>(Guid.NewGuid().ToString("N"));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.Increment()));

        Assert.Equal(50, await grain.Get());
    }

    [Theory]
    [InlineData("argument", typeof(ArgumentException))]
    [InlineData("invalid", typeof(InvalidOperationException))]
    [InlineData("missing", typeof(KeyNotFoundException))]
    public async Task A_grains_exception_is_thrown_as_the_same_kind(string kind, Type expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _client.GetGrain<IEchoGrain>("a").Throw(kind, "it went wrong"));

        Assert.IsType(expected, error);
        Assert.Equal("it went wrong", error.Message);
    }

    [Fact]
    public async Task An_exception_without_a_local_kind_comes_back_as_a_remote_grain_exception_naming_it()
    {
        var error = await Assert.ThrowsAsync<RemoteGrainException>(() => _client.GetGrain<IEchoGrain>("a").Throw("other", "bad format"));

        Assert.Equal("System.FormatException", error.ExceptionType);
        Assert.Equal(422, error.Status);
        Assert.Equal("bad format", error.Message);
    }

    [Fact]
    public async Task A_wrong_cluster_key_is_refused()
    {
        using var client = new ActivityClient(_silo.CreateClient(), "not-the-key");

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.GetGrain<IEchoGrain>("a").Add(1, 2));

        Assert.Contains("Activity:ClusterKey", error.Message);
    }

    [Fact]
    public async Task An_interface_the_silo_does_not_serve_fails_with_404()
    {
        var error = await Assert.ThrowsAsync<RemoteGrainException>(() => _client.GetGrain<INotServedGrain>("a").Ping());

        Assert.Equal(404, error.Status);
        Assert.Contains("serves no grain interface", error.Message);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_the_call_and_the_grain_sees_it()
    {
        using var cancellation = new CancellationTokenSource();
        var call = _client.GetGrain<IEchoGrain>("held").HoldUntilCancelled(cancellation.Token);
        await _silo.Events.WaitForAsync("holding:held");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await _silo.Events.WaitForAsync("cancelled:held");
    }

    [Fact]
    public void A_grain_interface_with_a_method_that_is_not_async_is_refused_up_front()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _client.GetGrain<INotAsyncRemoteGrain>("a"));

        Assert.Contains("INotAsyncRemoteGrain.Count", error.Message);
    }
}

public interface INotServedGrain : IGrainWithStringKey
{
    Task Ping();
}

public interface INotAsyncRemoteGrain : IGrainWithStringKey
{
    int Count();
}
