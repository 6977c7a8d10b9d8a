using System.Globalization;

namespace Activity.Abstractions.Ingest;

/// <summary>
/// An emit broke a rule, so nothing of it was stored: the same answer as the REST emit's 400. Sending it
/// again unchanged fails again; fix or leave out the events it names.
/// </summary>
[GenerateSerializer]
[Alias("activity.EventsRefusedException")]
public sealed class EventsRefusedException : Exception
{
    /// <summary>Names what is wrong, keyed by the field's path (<c>events[3].type</c>) as the REST emit's <c>errors</c>.</summary>
    public EventsRefusedException(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<int> refused)
        : base(Describe(errors))
    {
        Errors = errors;
        Refused = refused;
    }

    /// <summary>What is wrong, keyed by the field's path (<c>events[3].type</c>, or <c>events</c> and <c>tenantId</c> for the whole call).</summary>
    [Id(0)]
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The positions of the events that broke a rule; empty when the call as a whole was refused.</summary>
    [Id(1)]
    public IReadOnlyList<int> Refused { get; }

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        string.Create(CultureInfo.InvariantCulture, $"Nothing was stored: {string.Join(" ", errors.Take(3).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}")
        + (errors.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $" (and {errors.Count - 3} more)") : "");
}
