using Activity.Runtime.Hosting;

namespace Activity.Grains;

/// <summary>Registers Activity's grains with a silo.</summary>
public static class GrainsRuntimeBuilderExtensions
{
    /// <summary>Serves every grain class of <c>Activity.Grains</c>.</summary>
    public static GrainRuntimeBuilder AddActivityGrains(this GrainRuntimeBuilder builder) =>
        builder.AddGrainsFromAssembly(typeof(GrainsRuntimeBuilderExtensions).Assembly);
}
