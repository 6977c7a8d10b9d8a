using System.Globalization;
using Activity.Domain.Events;

namespace Activity.Domain.Feed;

/// <summary>A tile's description from the event catalog's templates, in one place for grouping and erasure.</summary>
public static class TileDescriptions
{
    /// <summary>The description of one event's tile.</summary>
    public static string Single(string type, System.Text.Json.JsonElement? payload, string actor) =>
        DescriptionTemplate.Render(EventCatalog.Describe(type).Description, payload, new Dictionary<string, string>
        {
            ["count"] = "1",
            ["actors"] = "1",
            ["actor"] = actor,
        });

    /// <summary>The description of a group of <paramref name="count"/> events by <paramref name="actors"/> (distinct, capped).</summary>
    public static string Group(string type, System.Text.Json.JsonElement? payload, int count, IReadOnlyList<string> actors) =>
        DescriptionTemplate.Render(EventCatalog.Describe(type).GroupDescription, payload, new Dictionary<string, string>
        {
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["actors"] = actors.Count >= GroupingRules.MaxActorIds
                ? $"{GroupingRules.MaxActorIds}+"
                : actors.Count.ToString(CultureInfo.InvariantCulture),
            ["actor"] = actors.Count > 0 ? actors[0] : "",
        });
}
