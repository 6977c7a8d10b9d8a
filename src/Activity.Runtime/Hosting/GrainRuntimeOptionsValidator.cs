using Microsoft.Extensions.Options;

namespace Activity.Runtime.Hosting;

/// <summary>Fails the silo's start with the exact setting that is out of range.</summary>
internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
