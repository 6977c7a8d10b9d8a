namespace Activity.Domain.Stats;

/// <summary>
/// The newsletter section: who is subscribed now (their latest newsletter event subscribed them), and
/// subscribe and unsubscribe events per day.
/// </summary>
public sealed class NewsletterCounts
{
    private readonly HashSet<string> _subscribers = new(StringComparer.Ordinal);
    private DailyCounts _subscribed = new();
    private DailyCounts _unsubscribed = new();

    /// <summary>Users subscribed now.</summary>
    public int Subscribers => _subscribers.Count;

    /// <summary><c>newsletter_subscribed</c> events on <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int Subscribed(DateOnly from, DateOnly to) => _subscribed.Sum(from, to);

    /// <summary><c>newsletter_unsubscribed</c> events on <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int Unsubscribed(DateOnly from, DateOnly to) => _unsubscribed.Sum(from, to);

    /// <summary>Counts a range of the log.</summary>
    public void Apply(StatsBatch batch)
    {
        foreach (var (actor, subscribed, day) in batch.Newsletter)
        {
            if (subscribed)
            {
                _subscribers.Add(actor);
                _subscribed.Add(day);
            }
            else
            {
                _subscribers.Remove(actor);
                _unsubscribed.Add(day);
            }
        }
    }

    /// <summary>Forgets an erased person: no longer a subscriber, and their changes in <paramref name="erased"/> leave the days' counts.</summary>
    public void Forget(string user, StatsBatch erased)
    {
        _subscribers.Remove(user);
        foreach (var (actor, subscribed, day) in erased.Newsletter.Where(n => n.Actor == user))
        {
            (subscribed ? _subscribed : _unsubscribed).Add(day, -1);
        }
    }

    /// <summary>For storage.</summary>
    public NewsletterSnapshot ToSnapshot() => new([.. _subscribers], _subscribed.ToSnapshot(), _unsubscribed.ToSnapshot());

    /// <summary>From storage.</summary>
    public static NewsletterCounts Restore(NewsletterSnapshot snapshot)
    {
        var counts = new NewsletterCounts { _subscribed = DailyCounts.Restore(snapshot.Subscribed), _unsubscribed = DailyCounts.Restore(snapshot.Unsubscribed) };
        counts._subscribers.UnionWith(snapshot.Subscribers);
        return counts;
    }
}

/// <summary>A stored <see cref="NewsletterCounts"/>.</summary>
public sealed record NewsletterSnapshot(IReadOnlyList<string> Subscribers, IReadOnlyList<DayCount> Subscribed, IReadOnlyList<DayCount> Unsubscribed);
