using Microsoft.Extensions.Options;

namespace Activity.Grains;

/// <summary>
/// Validates options with a function that names what is wrong, so a silo that cannot run with its
/// settings fails at start with the exact setting to fix.
/// </summary>
public sealed class ProblemValidator<TOptions>(Func<TOptions, string?> problem) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        problem(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
}
