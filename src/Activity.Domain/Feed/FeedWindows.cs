using System.Globalization;
using Activity.Domain.Events;

namespace Activity.Domain.Feed;

/// <summary>
/// The grouping rule of a tenant's feed. Per event type, a window opens at its first event (by receive
/// time) and stays open for <see cref="GroupingRules.Window"/>. Below the threshold each event is its
/// own tile; the event that reaches it turns the window's tiles into one group (the first tile becomes
/// the group, the others are removed), and later events in the window update the group.
/// </summary>
/// <remarks>Only each type's latest window can take events, because events are applied in log order.</remarks>
public sealed class FeedWindows(GroupingRules rules)
{
    private readonly Dictionary<string, Window> _latest = new(StringComparer.Ordinal);

    /// <summary>The tiles of every open (latest) window.</summary>
    public IEnumerable<Tile> Tiles => _latest.Values.SelectMany(w => w.Tiles);

    /// <summary>Rebuilds the windows from stored tiles (each type's latest window), as an activation does.</summary>
    public void Restore(IEnumerable<Tile> tiles)
    {
        _latest.Clear();
        foreach (var byType in tiles.GroupBy(t => t.EventType, StringComparer.Ordinal))
        {
            var start = byType.Max(t => t.WindowStart);
            var inWindow = byType.Where(t => t.WindowStart == start).OrderBy(t => t.Position).ToList();
            _latest[byType.Key] = new Window(start) { Tiles = inWindow, Count = inWindow.Sum(t => t.Count) };
        }
    }

    /// <summary>Applies one event and records what it changed.</summary>
    public void Apply(FeedEvent e, TileChangeSet changes)
    {
        var info = EventCatalog.Describe(e.Type);
        if (!_latest.TryGetValue(e.Type, out var window) || e.ReceivedAt >= window.Start + rules.Window)
        {
            window = new Window(e.ReceivedAt);
            _latest[e.Type] = window;
        }

        window.Count++;
        if (window.Count < rules.Threshold)
        {
            var tile = Single(e, info, window.Start);
            window.Tiles.Add(tile);
            changes.Created(tile);
            return;
        }

        var first = window.Tiles.Count > 0 ? window.Tiles[0] : Single(e, info, window.Start);
        var members = window.Tiles.Count > 0 ? window.Tiles : [first];
        var samples = members.SelectMany(t => t.Samples).Append(Sample(e)).DistinctBy(s => s.EventId).Take(rules.Samples).ToList();
        var actors = members.SelectMany(t => t.ActorIds).Append(e.ActorId).Distinct(StringComparer.Ordinal).Take(GroupingRules.MaxActorIds).ToList();
        var group = first with
        {
            Count = window.Count,
            ActorIds = actors,
            Samples = samples,
            Description = GroupDescription(info, first, window.Count, actors.Count),
            UpdatedAt = e.ReceivedAt,
        };

        if (window.Tiles.Count == 0)
        {
            changes.Created(group);
        }
        else
        {
            changes.Updated(group);
        }

        foreach (var merged in window.Tiles.Skip(1))
        {
            changes.Removed(merged.Id, group.Id);
        }

        window.Tiles = [group];
    }

    /// <summary>Replaces a tile of an open window (after its reactions or position changed); false when no open window holds it.</summary>
    public bool Update(Tile tile)
    {
        if (!_latest.TryGetValue(tile.EventType, out var window))
        {
            return false;
        }

        var index = window.Tiles.FindIndex(t => t.Id == tile.Id);
        if (index < 0)
        {
            return false;
        }

        window.Tiles[index] = tile;
        return true;
    }

    /// <summary>The open-window tile with this id, or null.</summary>
    public Tile? Find(Guid tileId) => Tiles.FirstOrDefault(t => t.Id == tileId);

    private static Tile Single(FeedEvent e, EventTypeInfo info, DateTimeOffset windowStart) => new(
        e.Id,
        e.Type,
        info.DisplayName,
        DescriptionTemplate.Render(info.Description, e.Payload, new Dictionary<string, string> { ["count"] = "1", ["actors"] = "1", ["actor"] = e.ActorId }),
        info.Icon,
        Count: 1,
        ActorIds: [e.ActorId],
        Samples: [Sample(e)],
        e.Payload,
        CreatedAt: e.ReceivedAt,
        UpdatedAt: e.ReceivedAt,
        Reactions: default,
        windowStart,
        Position: 0);

    private static TileSample Sample(FeedEvent e) => new(e.Id, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.Payload);

    private static string GroupDescription(EventTypeInfo info, Tile first, int count, int actors) =>
        DescriptionTemplate.Render(info.GroupDescription, first.Payload, new Dictionary<string, string>
        {
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["actors"] = actors >= GroupingRules.MaxActorIds ? $"{GroupingRules.MaxActorIds}+" : actors.ToString(CultureInfo.InvariantCulture),
            ["actor"] = first.ActorIds[0],
        });

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public List<Tile> Tiles { get; set; } = [];

        public int Count { get; set; }
    }
}
