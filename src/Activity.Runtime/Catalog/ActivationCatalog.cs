using System.Collections.Concurrent;
using Activity.Runtime.Calls;
using Activity.Runtime.Grains;
using Activity.Runtime.Hosting;
using Activity.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Activity.Runtime.Catalog;

/// <summary>The silo's directory of live activations: finds or creates the one activation of a grain id.</summary>
internal sealed class ActivationCatalog
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private ReminderService? _reminders;
    private volatile bool _stopping;

    public ActivationCatalog(
        GrainTypeRegistry registry,
        IServiceProvider services,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider timeProvider,
        ILogger<Activation> logger)
    {
        Services = services;
        Options = options.Value;
        TimeProvider = timeProvider;
        Logger = logger;
        GrainFactory = new GrainFactory(this, registry);
    }

    public IServiceProvider Services { get; }

    public GrainRuntimeOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The logger activations and timers write to.</summary>
    public ILogger Logger { get; }

    public GrainFactory GrainFactory { get; }

    // Resolved on first use: the reminder service delivers through this catalog, so it cannot be a constructor argument.
    public ReminderService Reminders => _reminders ??= Services.GetRequiredService<ReminderService>();

    /// <summary>The number of activations, live or on their way in or out.</summary>
    public int Count => _activations.Count;

    /// <summary>The activation of <paramref name="grainId"/>, created (and started) when there is none.</summary>
    public Activation GetOrCreateActivation(GrainId grainId, GrainClass grainClass)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        if (_stopping)
        {
            throw new SiloUnavailableException($"The silo is shutting down; grain {grainId} cannot be activated here.");
        }

        var created = new Activation(this, grainId, grainClass);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created))
        {
            created.Start();
        }

        return winner;
    }

    /// <summary>True when the grain has an activation here (for tests and diagnostics).</summary>
    public bool IsActive(GrainId grainId) => _activations.ContainsKey(grainId);

    /// <summary>Hands a turn that outlived its activation to the grain's next activation.</summary>
    public void Forward(GrainId grainId, GrainClass grainClass, WorkItem item)
    {
        try
        {
            GetOrCreateActivation(grainId, grainClass).Enqueue(item);
        }
        catch (Exception exception)
        {
            item.Fail(exception);
        }
    }

    public void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    /// <summary>Deactivates every activation idle for at least the collection age; returns how many started.</summary>
    public int CollectIdle()
    {
        var now = TimeProvider.GetTimestamp();
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.TryCollectIdle(now, Options.CollectionAge))
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>Refuses new activations, then deactivates every activation and waits for their <c>OnDeactivateAsync</c>.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;

        // An activation created by a caller that passed the stopping check just before it was set
        // appears after the first snapshot; loop until none is left.
        while (!_activations.IsEmpty)
        {
            var deactivations = _activations.Values.Select(a => a.RequestDeactivation(DeactivationReason.Shutdown));
            await Task.WhenAll(deactivations).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
