using System.Diagnostics;
using System.Globalization;
using Activity.Abstractions.Dashboard;
using Activity.Domain.Feed;
using Activity.Grains.Dashboard;
using Activity.Testing;

namespace Activity.Benchmarks;

/// <summary>
/// Memory of many active dashboard grains: one silo in this process, each user's dashboard fed a year
/// of events (20 items of their own, each engaged with by others; 100 items of others they voted on or
/// commented on; submissions and views), then the managed heap and the process's working set compared
/// with before.
/// </summary>
internal static class DashboardMemory
{
    private const string Tenant = "ten_memory0000000000";

    public static async Task RunAsync(int users)
    {
        await using var cluster = await ActivityCluster.StartAsync(silos: 1);
        var grains = cluster.Grains;
        var start = cluster.Time.GetUtcNow().AddDays(-365);
        var before = Measure();
        var clock = Stopwatch.StartNew();
        var sequence = 0L;
        var random = new Random(7);
        const int parallel = 64;
        var pending = new List<Task>(parallel);
        for (var u = 0; u < users; u++)
        {
            var user = $"user-{u}";
            var events = Events(u, users, user, start, random, () => ++sequence).ToList();

            pending.Add(grains.GetGrain<IDashboardWriterGrain>(DashboardKey.Of(Tenant, user)).DeliverAsync(events, previous: 0));
            if (pending.Count == parallel)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        var fed = clock.Elapsed;
        var after = Measure();
        var sample = await grains.GetGrain<IDashboardGrain>(DashboardKey.Of(Tenant, "user-0")).SummaryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{users:N0} dashboards fed {users * 260L:N0} events in {fed.TotalSeconds:F1} s; user-0: {sample}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap: {before.Heap / 1048576.0:N0} MiB before, {after.Heap / 1048576.0:N0} MiB after: {(after.Heap - before.Heap) / 1048576.0:N0} MiB, {(after.Heap - before.Heap) / (double)users:N0} bytes per dashboard"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"working set: {before.WorkingSet / 1048576.0:N0} MiB before, {after.WorkingSet / 1048576.0:N0} MiB after: {(after.WorkingSet - before.WorkingSet) / 1048576.0:N0} MiB"));
    }

    /// <summary>
    /// The dashboards' own state only (<see cref="Domain.Dashboard.UserDashboard"/>, no grains): the same
    /// events, applied in this process, in seconds instead of the twenty minutes the grains take.
    /// </summary>
    public static void RunState(int users)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        var random = new Random(7);
        var before = Measure();
        var dashboards = new Domain.Dashboard.UserDashboard[users];
        var sequence = 0L;
        for (var u = 0; u < users; u++)
        {
            var user = $"user-{u}";
            var dashboard = dashboards[u] = new Domain.Dashboard.UserDashboard(user);
            foreach (var e in Events(u, users, user, start, random, () => ++sequence))
            {
                dashboard.Apply(e);
            }
        }

        var after = Measure();
        GC.KeepAlive(dashboards);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{users:N0} dashboards' state: {(after.Heap - before.Heap) / 1048576.0:N0} MiB, {(after.Heap - before.Heap) / (double)users:N0} bytes each"));
    }

    // A year of one user's events, as the grain run feeds them (made, submitted, received, viewed).
    private static IEnumerable<LoggedEvent> Events(int u, int users, string user, DateTimeOffset start, Random random, Func<long> next)
    {
        for (var i = 0; i < 100; i++)
        {
            var owner = random.Next(users);
            yield return Event(next(), i < 70 ? "vote" : "comment", user, $"item-{owner}-{random.Next(20)}", $"user-{owner}", start.AddDays(random.Next(365)));
        }

        for (var i = 0; i < 20; i++)
        {
            yield return Event(next(), "submission", user, $"item-{u}-{i}", null, start.AddDays(random.Next(365)));
        }

        for (var i = 0; i < 100; i++)
        {
            yield return Event(next(), i < 70 ? "vote" : "comment", $"user-{random.Next(users)}", $"item-{u}-{random.Next(20)}", user, start.AddDays(random.Next(365)));
        }

        for (var i = 0; i < 40; i++)
        {
            yield return Event(next(), "view", $"user-{random.Next(users)}", $"item-{u}-{random.Next(20)}", user, start.AddDays(random.Next(365)));
        }
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return (GC.GetTotalMemory(forceFullCollection: true), Process.GetCurrentProcess().WorkingSet64);
    }

    private static LoggedEvent Event(long sequence, string type, string actor, string item, string? owner, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), sequence, type, actor, item, owner, at, at, null);
}
