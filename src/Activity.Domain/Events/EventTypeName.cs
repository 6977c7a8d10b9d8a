using System.Text.RegularExpressions;

namespace Activity.Domain.Events;

/// <summary>What an event type name may look like: <c>^[A-Za-z][A-Za-z0-9_.:-]{0,63}$</c>.</summary>
public static partial class EventTypeName
{
    /// <summary>The rule, as a caller reads it in an error.</summary>
    public const string Rule = "a letter, then up to 63 letters, digits, '_', '.', ':' or '-'";

    /// <summary>Whether <paramref name="type"/> is a well-formed event type name.</summary>
    public static bool IsValid(string? type) => type is not null && Pattern().IsMatch(type);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.:-]{0,63}$")]
    private static partial Regex Pattern();
}
