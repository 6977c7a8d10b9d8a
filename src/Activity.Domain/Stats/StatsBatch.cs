using Activity.Domain.Dashboard;
using Activity.Domain.Feed;
using Activity.Domain.Time;

namespace Activity.Domain.Stats;

/// <summary>
/// What platform statistics need from a range of a tenant's log, gathered once for every section:
/// who acted, who signed up, submissions and views, newsletter changes, and which users' own vote and
/// comment totals may have changed.
/// </summary>
/// <param name="First">The first log sequence of the range.</param>
/// <param name="Last">The last log sequence of the range.</param>
/// <param name="Actors">Every actor in the range, each once.</param>
/// <param name="SignUps">The actor and UTC day of each <c>SIGN_UP</c>, in log order.</param>
/// <param name="SubmissionDays">The UTC day of each submission.</param>
/// <param name="Views">How many views.</param>
/// <param name="Newsletter">Each newsletter change in log order: the actor, whether they subscribed, the UTC day.</param>
/// <param name="Engaged">Actors of votes, comments and their removals: their totals may have changed.</param>
public sealed record StatsBatch(
    long First,
    long Last,
    IReadOnlyList<string> Actors,
    IReadOnlyList<(string Actor, DateOnly Day)> SignUps,
    IReadOnlyList<DateOnly> SubmissionDays,
    int Views,
    IReadOnlyList<(string Actor, bool Subscribed, DateOnly Day)> Newsletter,
    IReadOnlyList<string> Engaged) : ILogRange
{
    /// <summary>The batch of log range <paramref name="first"/>–<paramref name="last"/>, which holds <paramref name="events"/> (in order).</summary>
    public static StatsBatch Of(long first, long last, IEnumerable<LoggedEvent> events)
    {
        var actors = new HashSet<string>(StringComparer.Ordinal);
        var engaged = new HashSet<string>(StringComparer.Ordinal);
        List<(string, DateOnly)> signUps = [];
        List<DateOnly> submissions = [];
        List<(string, bool, DateOnly)> newsletter = [];
        var views = 0;
        foreach (var e in events)
        {
            actors.Add(e.ActorId);
            var day = Weekday.UtcDateOf(e.OccurredAt);
            switch (Engagement.KindOf(e.Type))
            {
                case EngagementKind.Submission:
                    submissions.Add(day);
                    break;
                case EngagementKind.View:
                    views++;
                    break;
                case EngagementKind.NewsletterSubscribed or EngagementKind.NewsletterUnsubscribed:
                    newsletter.Add((e.ActorId, Engagement.KindOf(e.Type) == EngagementKind.NewsletterSubscribed, day));
                    break;
                case EngagementKind.Vote or EngagementKind.VoteRemoved or EngagementKind.Comment or EngagementKind.CommentDeleted:
                    engaged.Add(e.ActorId);
                    break;
                case EngagementKind.None when string.Equals(e.Type, SignUp, StringComparison.OrdinalIgnoreCase):
                    signUps.Add((e.ActorId, day));
                    break;
            }
        }

        return new StatsBatch(first, last, [.. actors], signUps, submissions, views, newsletter, [.. engaged]);
    }

    /// <summary>The event type that registers a user.</summary>
    public const string SignUp = "SIGN_UP";
}
