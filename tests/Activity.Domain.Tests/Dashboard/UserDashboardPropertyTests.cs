using System.Text.Json;
using Activity.Domain.Dashboard;
using Activity.Domain.Feed;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Activity.Domain.Tests.Dashboard;

/// <summary>Random histories over a few users and items, so removals, self-votes and shared items happen often.</summary>
public sealed class UserDashboardPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
    private static readonly string[] Users = ["u1", "u2", "u3"];
    private static readonly string?[] Items = ["i1", "i2", "i3", null];
    private static readonly string?[] Owners = ["u1", "u2", "u3", null];
    private static readonly string?[] CommentIds = ["c1", "c2", null];
    private static readonly string[] Types = ["vote", "vote", "vote_removed", "comment", "comment", "COMMENT_DELETED", "view", "submission", "SIGN_IN"];

    private static readonly Gen<Step> Steps =
        from type in Gen.Elements(Types)
        from actor in Gen.Elements(Users)
        from item in Gen.Elements(Items)
        from owner in Gen.Elements(Owners)
        from commentId in Gen.Elements(CommentIds)
        from daysAgo in Gen.Choose(0, 800)
        from minute in Gen.Choose(0, 1439)
        select new Step(type, actor, item, owner, commentId, daysAgo, minute);

    [Property(MaxTest = 300)]
    public Property Dashboard_equals_a_recomputation_from_the_log() =>
        Prop.ForAll(Steps.ListOf().ToArbitrary(), steps =>
        {
            var log = Log(steps);
            foreach (var user in Users)
            {
                var dashboard = new UserDashboard(user);
                foreach (var e in log)
                {
                    dashboard.Apply(e);
                }

                AssertSame(new Recomputation(log, user), dashboard);
            }
        });

    [Property(MaxTest = 200)]
    public Property A_restored_snapshot_goes_on_as_if_never_stored() =>
        Prop.ForAll(Steps.ListOf().ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (steps, cutPercent) =>
        {
            var log = Log(steps);
            var cut = log.Count * cutPercent / 100;
            foreach (var user in Users)
            {
                var before = new UserDashboard(user);
                foreach (var e in log.Take(cut))
                {
                    before.Apply(e);
                }

                var json = JsonSerializer.Serialize(before.ToSnapshot(), JsonSerializerOptions.Web);
                var restored = UserDashboard.Restore(JsonSerializer.Deserialize<DashboardSnapshot>(json, JsonSerializerOptions.Web)!);
                foreach (var e in log)
                {
                    restored.Apply(e);
                }

                AssertSame(new Recomputation(log, user), restored);
            }
        });

    [Property(MaxTest = 200)]
    public Property Forgetting_an_erased_person_equals_a_recomputation_from_the_log_without_them() =>
        Prop.ForAll(Steps.ListOf().ToArbitrary(), Gen.Elements(Users).ToArbitrary(), (steps, erased) =>
        {
            var log = Log(steps);
            // What erasure leaves in the log: none of their events, and no owner where they were it.
            var kept = log.Where(e => e.ActorId != erased).Select(e => e.ItemOwnerId == erased ? e with { ItemOwnerId = null } : e).ToList();
            foreach (var user in Users.Where(u => u != erased))
            {
                var dashboard = new UserDashboard(user);
                foreach (var e in log)
                {
                    dashboard.Apply(e);
                }

                dashboard.ForgetActor(erased);
                dashboard.ForgetViews(log
                    .Where(e => e.ActorId == erased && e.ItemOwnerId == user && Engagement.KindOf(e.Type) == EngagementKind.View)
                    .Select(e => DateOnly.FromDateTime(e.OccurredAt.UtcDateTime)));
                AssertSame(new Recomputation(kept, user), dashboard);
            }

            AssertSame(new Recomputation(kept, erased), UserDashboard.StartingAfter(erased, log.Count));
        });

    private static void AssertSame(Recomputation expected, UserDashboard actual)
    {
        Assert.Equal(expected.Totals(), actual.Totals());
        Assert.Equal(expected.Weekly(Now, UserDashboard.WeeksKept), actual.Weekly(Now, UserDashboard.WeeksKept));
        Assert.Equal(expected.Daily(Now, UserDashboard.DaysKept), actual.Daily(Now, UserDashboard.DaysKept));
        Assert.Equal(expected.TopItems(50), actual.TopItems(50));
    }

    private static List<LoggedEvent> Log(IEnumerable<Step> steps) =>
        [.. steps.Select((s, i) => new LoggedEvent(
            Guid.NewGuid(),
            i + 1,
            s.Type,
            s.Actor,
            s.Item,
            s.Owner,
            Now.Date.AddDays(-s.DaysAgo).AddMinutes(s.Minute) is var at && at > Now ? Now : new DateTimeOffset(at, TimeSpan.Zero),
            Now,
            s.CommentId is null ? null : JsonSerializer.SerializeToElement(new { commentId = s.CommentId })))];

    public sealed record Step(string Type, string Actor, string? Item, string? Owner, string? CommentId, int DaysAgo, int Minute);
}
