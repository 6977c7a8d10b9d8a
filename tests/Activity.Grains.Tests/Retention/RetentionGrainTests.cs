using Activity.Grains.Retention;
using Activity.Testing;

namespace Activity.Grains.Tests.Retention;

public sealed class RetentionGrainTests
{
    [Fact]
    public async Task Scheduling_again_as_every_starting_silo_does_leaves_the_reminder_as_it_was()
    {
        await using var cluster = await ActivityCluster.StartAsync(silos: 1);
        var grain = cluster.Grains.GetGrain<IRetentionGrain>(0);
        await grain.ScheduleAsync();
        var table = cluster.Service<IReminderTable>();
        var first = await table.ReadRow(grain.GetGrainId(), "retention");
        cluster.Time.Advance(TimeSpan.FromHours(5));

        await grain.ScheduleAsync();

        var again = await table.ReadRow(grain.GetGrainId(), "retention");
        Assert.NotNull(first);
        Assert.NotNull(again);
        Assert.Equal((first.StartAt, first.ETag, TimeSpan.FromDays(1)), (again.StartAt, again.ETag, again.Period));
    }

    [Fact]
    public async Task A_run_on_demand_reports_what_it_removed_and_is_the_last_run()
    {
        await using var cluster = await ActivityCluster.StartAsync(silos: 1);
        var grain = cluster.Grains.GetGrain<IRetentionGrain>(0);

        var run = await grain.RunAsync();

        Assert.Equal(new RetentionResult(0, 0, 0), run.Result);
        Assert.Equal(cluster.Time.GetUtcNow(), run.StartedAt);
        Assert.Equal(run, await grain.LastRunAsync());
    }
}
