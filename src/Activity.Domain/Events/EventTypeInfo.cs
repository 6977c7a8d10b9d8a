namespace Activity.Domain.Events;

/// <summary>How an event type is shown: name, icon, and the sentences for one event and for a group.</summary>
/// <param name="Type">The event type name.</param>
/// <param name="Category">auth, gamification, project, engagement, social, content, analytics, or custom.</param>
/// <param name="DisplayName">A short title, e.g. "Badge earned".</param>
/// <param name="Icon">An icon name the web UI maps to a glyph.</param>
/// <param name="Description">A <see cref="DescriptionTemplate"/> for one event, filled from its payload.</param>
/// <param name="GroupDescription">A <see cref="DescriptionTemplate"/> for a grouped tile ({count}, {actors}).</param>
public sealed record EventTypeInfo(string Type, string Category, string DisplayName, string Icon, string Description, string GroupDescription);
