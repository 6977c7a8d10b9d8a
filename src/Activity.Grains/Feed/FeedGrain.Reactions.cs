using Activity.Abstractions.Feed;
using Activity.Domain.Feed;

namespace Activity.Grains.Feed;

internal sealed partial class FeedGrain
{
    public async Task<ReactionOutcome> ReactAsync(Guid eventId, string userId, ReactionType type)
    {
        var tile = await FindTileAsync(eventId);
        if (tile is null)
        {
            return new ReactionOutcome(ReactionStatus.NotFound);
        }

        if (tile.ActorIds.Contains(userId, StringComparer.Ordinal))
        {
            return new ReactionOutcome(ReactionStatus.OwnActivity, tile.Id, tile.Reactions);
        }

        var inWindow = _windows.Find(tile.Id) is not null;
        var already = inWindow
            ? ReactionsOf(tile.Id).Contains((userId, type))
            : await store.HasReactionAsync(TenantId, tile.Id, userId, type, CancellationToken.None);
        if (already)
        {
            return new ReactionOutcome(ReactionStatus.Ok, tile.Id, tile.Reactions);
        }

        var now = timeProvider.GetUtcNow();
        var (recent, oldest) = await store.CountReactionsSinceAsync(TenantId, userId, now - TimeSpan.FromHours(1), CancellationToken.None);
        if (recent >= options.Value.ReactionsPerHour)
        {
            var retryAfter = oldest!.Value + TimeSpan.FromHours(1) - now;
            return new ReactionOutcome(ReactionStatus.RateLimited, tile.Id, tile.Reactions, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
        }

        var counts = type switch
        {
            ReactionType.Hype => tile.Reactions with { Hype = tile.Reactions.Hype + 1 },
            ReactionType.Respect => tile.Reactions with { Respect = tile.Reactions.Respect + 1 },
            _ => tile.Reactions with { Tribute = tile.Reactions.Tribute + 1 },
        };
        var change = new FeedChangeRecord(_lastChange + 1, FeedChangeKinds.ReactionUpdated, tile.Id, FeedJson.Serialize(new ReactionsView(tile.Id, counts)), now);
        await WriteAsync(store.RecordReactionAsync(TenantId, new Reaction(tile.Id, userId, type, now), counts, change, CancellationToken.None));

        _lastChange = change.Sequence;
        if (inWindow)
        {
            ReactionsOf(tile.Id).Add((userId, type));
            _windows.Update(tile with { Reactions = counts });
        }

        await PublishAsync([change]);
        return new ReactionOutcome(ReactionStatus.Ok, tile.Id, counts);
    }

    public async Task<CommentOutcome> CommentAsync(Guid eventId, string userId, string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > Comment.MaxBodyLength)
        {
            throw new ArgumentException($"A comment is 1 to {Comment.MaxBodyLength} characters.", nameof(body));
        }

        var tile = await FindTileAsync(eventId);
        if (tile is null)
        {
            return new CommentOutcome(null);
        }

        var now = timeProvider.GetUtcNow();
        var comment = new Comment(Guid.CreateVersion7(now), tile.Id, userId, body, now);
        var change = new FeedChangeRecord(_lastChange + 1, FeedChangeKinds.CommentCreated, tile.Id, FeedJson.Serialize(comment), now);
        await WriteAsync(store.RecordCommentAsync(TenantId, comment, change, CancellationToken.None));

        _lastChange = change.Sequence;
        await PublishAsync([change]);
        return new CommentOutcome(comment);
    }

    // A refused write means another activation moved the change log on: this one starts over from storage.
    private async Task WriteAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (Exception exception)
        {
            LogWriteFailed(logger, exception, TenantId, this.GetGrainId(), _checkpoint);
            this.DeactivateOnIdle();
            throw;
        }
    }

    // Open-window tiles are current in memory; others come from storage, which leads a merged tile to
    // its group (and that group may be in an open window again).
    private async Task<Tile?> FindTileAsync(Guid eventId)
    {
        if (_windows.Find(eventId) is { } open)
        {
            return open;
        }

        var stored = await store.FindTileAsync(TenantId, eventId, CancellationToken.None);
        return stored is null ? null : _windows.Find(stored.Id) ?? stored;
    }
}
