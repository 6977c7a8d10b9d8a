using Activity.Silo.Tests.Feed;
using Activity.Testing;

namespace Activity.Silo.Tests.Hosting;

/// <summary>How a silo stops: promptly, even with events handed to its projections and not yet applied.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_silo_stopping_alone_leaves_waiting_events_to_the_log_instead_of_retrying_placements()
    {
        // The clock stands still, so the second emit's events wait for a flush interval that never ends.
        var silo = SiloFactory.Embedded(time: ActivityCluster.NewClock());
        var tenant = await FeedClient.CreateAsync(silo);
        await tenant.EmitAsync(new { type = "vote", actorId = "ann", itemId = "p1" });
        await tenant.EmitAsync(new { type = "comment", actorId = "bob", itemId = "p2" });

        // A flush at shutdown would call grains no silo can place any more, retrying until the host gave up:
        // the stop then throws (TaskCanceledException). Orleans' own calls at shutdown (a hand-over still on
        // its way, stream bookkeeping) may retry a placement or two as well, so the log is not what this asserts.
        var stopped = await Record.ExceptionAsync(() => silo.DisposeAsync().AsTask());

        // The silo's log says which part of the stop was still waiting when the host's patience ran out.
        Assert.True(stopped is null, $"{stopped}\n{string.Join('\n', silo.Logs.Lines.TakeLast(60))}");
    }
}
