using System.Text.Json;
using Activity.Abstractions.Ingest;

namespace Activity.Silo.Demo;

/// <summary>
/// Invents the demo tenant's events: a dozen people who join over the first days, sixteen items they own,
/// and what they do to them (views most, then votes, comments, sign-ins, submissions, badges, deployments).
/// Deterministic for a given <see cref="Random"/> seed, so every demo starts alike.
/// </summary>
internal sealed class DemoData(Random random)
{
    /// <summary>The demo's people, by user id.</summary>
    public static IReadOnlyList<string> Users { get; } =
        ["ada", "grace", "linus", "margaret", "alan", "barbara", "ken", "radia", "tim", "frances", "dennis", "katherine"];

    private static readonly string[] Titles =
    [
        "Realtime feeds in 50 lines", "Why we moved to PostgreSQL", "Grain placement, explained", "A tiny chart library",
        "Dark mode without flashes", "The 5-minute window", "Backpressure for SSE", "ISO weeks are hard",
        "Idempotency keys in practice", "Our on-call handbook", "Cron with time zones", "Group commits",
        "Profiling a silo", "Keyboard-first dashboards", "Accessible charts", "Retention that forgets",
    ];

    private static readonly string[] Badges = ["First steps", "Sprint Champion", "Bug Hunter", "Helpful Reviewer", "Streak Keeper", "Night Owl"];
    private static readonly string[] Projects = ["web", "api", "billing", "search"];
    private static readonly string[] Environments = ["production", "staging"];

    // Kinds of everyday events and their weights (out of 100).
    private static readonly (string Type, int Weight)[] Weights =
    [
        ("view", 42), ("vote", 24), ("comment", 10), ("SIGN_IN", 9), ("submission", 5), ("badge_earned", 5), ("deployment", 5),
    ];

    private static string Owner(int item) => Users[item % Users.Count];

    /// <summary>
    /// <paramref name="days"/> of history ending at <paramref name="now"/>, oldest first: each person's sign-up
    /// on one of the first days, then 40 to 120 events a day (fewer at weekends), each at a random time of day.
    /// </summary>
    public IEnumerable<EventInput> History(DateTimeOffset now, int days)
    {
        var start = now.UtcDateTime.Date.AddDays(-days);
        var joined = Users.Select((user, i) => (user, at: new DateTimeOffset(start.AddDays(i % Math.Max(1, Math.Min(days, 5))).AddHours(8 + i), TimeSpan.Zero))).ToList();
        for (var day = 0; day < days; day++)
        {
            var date = start.AddDays(day);
            var events = new List<EventInput>();
            foreach (var (user, at) in joined.Where(j => j.at.UtcDateTime.Date == date))
            {
                events.Add(new EventInput("SIGN_UP", user, OccurredAt: at, Payload: Payload(new { name = user })));
            }

            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var count = random.Next(weekend ? 20 : 60, weekend ? 50 : 120);
            var members = joined.Where(j => j.at.UtcDateTime.Date <= date).Select(j => j.user).ToList();
            for (var i = 0; i < count; i++)
            {
                var at = new DateTimeOffset(date.AddSeconds(random.Next(60, 86_340)), TimeSpan.Zero);
                if (at < now)
                {
                    events.Add(Everyday(members, at));
                }
            }

            foreach (var e in events.OrderBy(e => e.OccurredAt))
            {
                yield return e;
            }
        }
    }

    /// <summary>One everyday event happening now.</summary>
    public EventInput Next(DateTimeOffset now) => Everyday(Users, now);

    /// <summary>Three to five people earning a badge or deploying within a few seconds: the feed groups them.</summary>
    public IReadOnlyList<EventInput> Burst(DateTimeOffset now)
    {
        var badge = random.Next(2) == 0;
        var people = Users.OrderBy(_ => random.Next()).Take(random.Next(3, 6));
        return [.. people.Select((user, i) => badge
            ? Badge(user, now.AddMilliseconds(i * 200))
            : Deployment(user, now.AddMilliseconds(i * 200)))];
    }

    private EventInput Everyday(IReadOnlyList<string> members, DateTimeOffset at)
    {
        var actor = members[random.Next(members.Count)];
        var item = random.Next(Titles.Length);
        var roll = random.Next(100);
        foreach (var (type, weight) in Weights)
        {
            if (roll < weight)
            {
                return type switch
                {
                    "view" or "vote" or "comment" => new EventInput(type, actor, $"post-{item + 1}", Owner(item), at, Payload(new { itemTitle = Titles[item] })),
                    "SIGN_IN" => new EventInput(type, actor, OccurredAt: at, Payload: Payload(new { method = random.Next(3) == 0 ? "passkey" : "password" })),
                    "submission" => new EventInput(type, actor, $"post-{item + 1}", actor, at, Payload(new { title = Titles[item] })),
                    "badge_earned" => Badge(actor, at),
                    _ => Deployment(actor, at),
                };
            }

            roll -= weight;
        }

        throw new InvalidOperationException("The weights of everyday events add up to 100.");
    }

    private EventInput Badge(string user, DateTimeOffset at) =>
        new("badge_earned", user, OccurredAt: at, Payload: Payload(new { badgeName = Badges[random.Next(Badges.Length)], xp = 25 * random.Next(1, 5) }));

    private EventInput Deployment(string user, DateTimeOffset at)
    {
        var environment = Environments[random.Next(Environments.Length)];
        return new("deployment", user, OccurredAt: at, Environment: environment, Status: "success",
            Payload: Payload(new { projectName = Projects[random.Next(Projects.Length)], environment, version = $"1.{random.Next(40)}.{random.Next(10)}" }));
    }

    private static JsonElement Payload(object value) => JsonSerializer.SerializeToElement(value);
}
