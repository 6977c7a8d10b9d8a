namespace Activity.Domain.Stats;

/// <summary>
/// The activity section: all views, and all votes and comments net of removals. Votes and comments are
/// the sum of what each user's dashboard counts as theirs: a removal matches within its actor's own
/// events, so the actor's dashboard is where it is settled, and it reports its totals as they stand
/// (a newer report replaces an older one, so a report given twice counts once).
/// </summary>
public sealed class EngagementTotals
{
    private readonly Dictionary<string, UserTotals> _users = new(StringComparer.Ordinal);

    /// <summary>Every view.</summary>
    public long Views { get; private set; }

    /// <summary>Votes standing.</summary>
    public long Votes { get; private set; }

    /// <summary>Comments standing.</summary>
    public long Comments { get; private set; }

    /// <summary>Counts a range of the log (its views; votes and comments come as reports).</summary>
    public void Apply(StatsBatch batch) => Views += batch.Views;

    /// <summary>Takes a user's own totals as their dashboard counted them at <paramref name="checkpoint"/>; an older report changes nothing.</summary>
    public void Report(string user, int votes, int comments, long checkpoint)
    {
        var known = _users.GetValueOrDefault(user);
        if (known is not null && known.Checkpoint >= checkpoint)
        {
            return;
        }

        Votes += votes - (known?.Votes ?? 0);
        Comments += comments - (known?.Comments ?? 0);
        // Kept at zero too: the checkpoint is what makes a late, older report change nothing.
        _users[user] = new UserTotals(votes, comments, checkpoint);
    }

    /// <summary>
    /// Forgets an erased person: the views they made (<paramref name="erased"/>) and their reported
    /// totals go; <paramref name="votes"/>, <paramref name="comments"/> and <paramref name="checkpoint"/>
    /// are their dashboard's after the erasure (what they did since, usually nothing).
    /// </summary>
    public void Forget(string user, StatsBatch erased, int votes, int comments, long checkpoint)
    {
        Views -= erased.Views;
        var known = _users.GetValueOrDefault(user);
        Votes += votes - (known?.Votes ?? 0);
        Comments += comments - (known?.Comments ?? 0);
        _users[user] = new UserTotals(votes, comments, checkpoint);
    }

    /// <summary>For storage.</summary>
    public ActivitySnapshot ToSnapshot() => new(Views, [.. _users.Select(u => new UserTotalsSnapshot(u.Key, u.Value.Votes, u.Value.Comments, u.Value.Checkpoint))]);

    /// <summary>From storage.</summary>
    public static EngagementTotals Restore(ActivitySnapshot snapshot)
    {
        var totals = new EngagementTotals { Views = snapshot.Views };
        foreach (var user in snapshot.Users)
        {
            totals.Report(user.UserId, user.Votes, user.Comments, user.Checkpoint);
        }

        return totals;
    }

    private sealed record UserTotals(int Votes, int Comments, long Checkpoint);
}

/// <summary>A stored <see cref="EngagementTotals"/>.</summary>
public sealed record ActivitySnapshot(long Views, IReadOnlyList<UserTotalsSnapshot> Users);

/// <summary>One user's own votes and comments as their dashboard reported them.</summary>
public sealed record UserTotalsSnapshot(string UserId, int Votes, int Comments, long Checkpoint);
