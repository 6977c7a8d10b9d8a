using Activity.Domain.Events;

namespace Activity.Domain.Feed;

/// <summary>
/// The grouping rule of a tenant's feed. Per event type, a window opens at its first event (by receive
/// time) and stays open for <see cref="GroupingRules.Window"/>. Below the threshold each event is its
/// own tile; the event that reaches it turns the window's tiles into one group (the first tile becomes
/// the group, the others are removed), and later events in the window update the group.
/// </summary>
/// <remarks>
/// Only each type's latest window can take events, because events are applied in log order. A group
/// keeps its actors and samples as sets that grow by one event at a time; its tile is built once per
/// batch, however many of the batch's events it took.
/// </remarks>
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
            var window = new Window(start) { Tiles = inWindow, Count = inWindow.Sum(t => t.Count) };
            if (window.Count >= rules.Threshold && inWindow.Count == 1)
            {
                window.StartGroup(inWindow[0]);
            }

            _latest[byType.Key] = window;
        }
    }

    /// <summary>Applies events in log order; returns each touched tile's final state (or its removal), in first-touched order.</summary>
    public IReadOnlyList<TileChange> Apply(IReadOnlyList<LoggedEvent> events)
    {
        var changes = new TileChangeSet();
        var grown = new List<Window>();
        foreach (var e in events)
        {
            Apply(e, changes, grown);
        }

        foreach (var window in grown)
        {
            var group = window.Group(rules);
            window.Tiles[0] = group;
            changes.Updated(group);
        }

        return changes.ToList();
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

    private void Apply(LoggedEvent e, TileChangeSet changes, List<Window> grown)
    {
        if (!_latest.TryGetValue(e.Type, out var window) || e.ReceivedAt >= window.Start + rules.Window)
        {
            window = new Window(e.ReceivedAt);
            _latest[e.Type] = window;
        }

        window.Count++;
        if (window.Count < rules.Threshold)
        {
            var tile = Single(e, window.Start);
            window.Tiles.Add(tile);
            changes.Created(tile);
            return;
        }

        if (!window.IsGroup)
        {
            if (window.Tiles.Count == 0)
            {
                // A threshold of one: the group is this event itself.
                var only = Single(e, window.Start);
                window.StartGroup(only);
                window.Tiles = [only];
                changes.Created(only);
                MarkGrown(window, grown);
                return;
            }

            // The event that reaches the threshold: the first tile becomes the group, the others go.
            var first = window.Tiles[0];
            var merged = window.Tiles.Skip(1).ToList();
            window.StartGroup(first, merged);
            changes.Updated(first);
            foreach (var tile in merged)
            {
                changes.Removed(tile.Id, first.Id);
            }

            window.Tiles = [first];
        }
        else if (!grown.Contains(window))
        {
            // Fixes the group's place among this batch's changes; its final state replaces it below.
            changes.Updated(window.Tiles[0]);
        }

        window.Add(e, rules);
        MarkGrown(window, grown);
    }

    private static void MarkGrown(Window window, List<Window> grown)
    {
        if (!grown.Contains(window))
        {
            grown.Add(window);
        }
    }

    private static Tile Single(LoggedEvent e, DateTimeOffset windowStart)
    {
        var info = EventCatalog.Describe(e.Type);
        var sample = Sample(e);
        return new Tile(
            e.Id,
            e.Type,
            info.DisplayName,
            TileDescriptions.Single(e.Type, e.Payload, e.ActorId),
            info.Icon,
            Count: 1,
            ActorIds: [e.ActorId],
            Samples: [sample],
            sample.Payload,
            CreatedAt: e.ReceivedAt,
            UpdatedAt: e.ReceivedAt,
            Reactions: default,
            windowStart,
            Position: 0);
    }

    // A kept payload gets a copy of its own: the event's may point into a whole request body.
    private static TileSample Sample(LoggedEvent e) => new(e.Id, e.ActorId, e.ItemId, e.ItemOwnerId, e.OccurredAt, e.Payload?.Clone());

    private sealed class Window(DateTimeOffset start)
    {
        private readonly HashSet<string> _actorSet = new(StringComparer.Ordinal);
        private readonly List<string> _actors = [];
        private readonly List<TileSample> _samples = [];
        private DateTimeOffset _updatedAt;

        public DateTimeOffset Start { get; } = start;

        public List<Tile> Tiles { get; set; } = [];

        public int Count { get; set; }

        public bool IsGroup { get; private set; }

        public void StartGroup(Tile first, IEnumerable<Tile>? merged = null)
        {
            IsGroup = true;
            _updatedAt = first.UpdatedAt;
            foreach (var tile in new[] { first }.Concat(merged ?? []))
            {
                foreach (var actor in tile.ActorIds)
                {
                    AddActor(actor);
                }

                _samples.AddRange(tile.Samples);
                _updatedAt = tile.UpdatedAt > _updatedAt ? tile.UpdatedAt : _updatedAt;
            }
        }

        public void Add(LoggedEvent e, GroupingRules rules)
        {
            AddActor(e.ActorId);
            if (_samples.Count < rules.Samples)
            {
                _samples.Add(Sample(e));
            }

            _updatedAt = e.ReceivedAt;
        }

        public Tile Group(GroupingRules rules)
        {
            var first = Tiles[0];
            return first with
            {
                Count = Count,
                ActorIds = [.. _actors],
                Samples = [.. _samples.Take(rules.Samples)],
                Description = TileDescriptions.Group(first.EventType, first.Payload, Count, _actors),
                UpdatedAt = _updatedAt,
            };
        }

        private void AddActor(string actor)
        {
            if (_actors.Count < GroupingRules.MaxActorIds && _actorSet.Add(actor))
            {
                _actors.Add(actor);
            }
        }
    }
}
