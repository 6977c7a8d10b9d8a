using Activity.Abstractions.Ingest;
using Activity.Domain.Milestones;
using Activity.Grains.Milestones;
using Activity.Grains.Tenants;
using Activity.Silo.Console;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Demo;

/// <summary>
/// Runs the demo once the silo is up: creates the tenant <c>demo</c> with milestones on, emits a month of
/// history through the normal durable path, prints the console's address with a one-click sign-in link,
/// then emits a few events a second, with a burst that groups every 20 seconds or so.
/// </summary>
internal sealed partial class DemoMode(
    IHostApplicationLifetime lifetime,
    IGrainFactory grains,
    ITenantStore tenants,
    MilestoneRulesCache milestones,
    IServer server,
    TimeProvider timeProvider,
    IOptions<DemoOptions> options,
    ILogger<DemoMode> logger) : BackgroundService
{
    /// <summary>The demo tenant's name.</summary>
    public const string TenantName = "demo";

    private const int BatchSize = 500;
    private static readonly TimeSpan BurstEvery = TimeSpan.FromSeconds(20);

    /// <summary>The demo's rules: streaks, a burst of 10 votes, and rank-ups at 100, 250 and 500 XP of badges.</summary>
    public static MilestoneRules Milestones { get; } =
        new(new StreakRule(true), new BurstRule(true, "vote", 10), new XpRule(true, "xp", [100, 250, 500]));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        try
        {
            var data = new DemoData(new Random(20261203));
            var (tenantId, key) = await CreateTenantAsync(stoppingToken);
            var emitted = await BackfillAsync(data, tenantId, stoppingToken);
            LogReady(logger, emitted, options.Value.HistoryDays, $"{Address()}{ConsoleApi.Page}#signin={key}");
            await LiveAsync(data, tenantId, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<(string TenantId, string Key)> CreateTenantAsync(CancellationToken cancellationToken)
    {
        var tenantId = TenantKeys.NewTenantId();
        var created = await grains.GetGrain<ITenantGrain>(tenantId).CreateAsync(TenantName)
            ?? throw new InvalidOperationException("The demo tenant exists already; demo mode runs on a fresh embedded silo.");
        await tenants.SetMilestonesAsync(tenantId, Milestones, cancellationToken);
        milestones.Forget(tenantId);
        return (tenantId, created.ApiKey);
    }

    private async Task<int> BackfillAsync(DemoData data, string tenantId, CancellationToken cancellationToken)
    {
        var ingest = grains.GetGrain<IIngestGrain>(0);
        var emitted = 0;
        foreach (var batch in data.History(timeProvider.GetUtcNow(), options.Value.HistoryDays).Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            emitted += (await ingest.EmitAsync(tenantId, batch)).Count;
        }

        return emitted;
    }

    private async Task LiveAsync(DemoData data, string tenantId, CancellationToken cancellationToken)
    {
        if (options.Value.EventsPerSecond <= 0)
        {
            return;
        }

        var ingest = grains.GetGrain<IIngestGrain>(0);
        var random = new Random();
        var nextBurst = timeProvider.GetUtcNow() + BurstEvery;
        while (true)
        {
            // Poisson arrivals: exponential gaps with the configured mean.
            var gap = -Math.Log(1 - random.NextDouble()) / options.Value.EventsPerSecond;
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(gap, 10)), timeProvider, cancellationToken);
            var now = timeProvider.GetUtcNow();
            IReadOnlyList<EventInput> events = now >= nextBurst ? data.Burst(now) : [data.Next(now)];
            if (now >= nextBurst)
            {
                nextBurst = now + BurstEvery;
            }

            try
            {
                await ingest.EmitAsync(tenantId, events);
            }
            catch (IngestUnavailableException exception)
            {
                LogEmitFailed(logger, exception);
            }
        }
    }

    // The address a browser on this machine opens: a wildcard host becomes localhost.
    private string Address()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Count} events of the last {Days} days emitted. Open the console, signed in as the demo tenant: {Link}")]
    private static partial void LogReady(ILogger logger, int count, int days, string link);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: a live event could not be stored; the next one is tried")]
    private static partial void LogEmitFailed(ILogger logger, Exception exception);
}
