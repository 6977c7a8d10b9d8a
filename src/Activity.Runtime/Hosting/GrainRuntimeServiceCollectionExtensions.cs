using Activity.Runtime.Calls;
using Activity.Runtime.Catalog;
using Activity.Runtime.Grains;
using Activity.Runtime.Reminders;
using Activity.Runtime.State;
using Activity.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Activity.Runtime.Hosting;

/// <summary>Registers the grain runtime.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo with in-memory state, reminders and streams; storage packages (PostgreSQL) replace
    /// those by registering their own <see cref="IGrainStorage"/> and <see cref="IReminderTable"/>.
    /// Calling it again returns the same builder, so several parts of an app can add grains.
    /// </summary>
    public static GrainRuntimeBuilder AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeBuilder>? configure = null)
    {
        var builder = services.LastOrDefault(d => d.ServiceType == typeof(GrainRuntimeBuilder))?.ImplementationInstance as GrainRuntimeBuilder;
        if (builder is null)
        {
            builder = new GrainRuntimeBuilder(services);
            services.AddSingleton(builder);
            services.AddOptions<GrainRuntimeOptions>()
                .BindConfiguration(GrainRuntimeOptions.Section)
                .ValidateOnStart();
            services.AddSingleton<IValidateOptions<GrainRuntimeOptions>>(new ProblemValidator<GrainRuntimeOptions>(o => o.Problem()));
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<IGrainStorage, MemoryGrainStorage>();
            services.TryAddSingleton<IReminderTable, MemoryReminderTable>();
            services.TryAddSingleton<IStreamProvider, MemoryStreamProvider>();
            services.AddSingleton(sp => new GrainTypeRegistry(sp.GetRequiredService<GrainRuntimeBuilder>().GrainClasses));
            services.AddSingleton<ActivationCatalog>();
            services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ActivationCatalog>().GrainFactory);
            services.AddSingleton(sp => new GrainGateway(sp.GetRequiredService<GrainTypeRegistry>(), sp.GetRequiredService<ActivationCatalog>()));
            services.AddSingleton<ReminderService>();
            services.AddSingleton<ActivationCollector>();
            services.AddSingleton<Silo>();
            services.AddSingleton<ISiloStatus>(sp => sp.GetRequiredService<Silo>());
            services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        }

        configure?.Invoke(builder);
        return builder;
    }
}
