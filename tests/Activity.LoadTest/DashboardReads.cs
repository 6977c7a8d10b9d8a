using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace Activity.LoadTest;

/// <summary>
/// A user's dashboard read from Activity over HTTP (summary, weekly, top items: three requests) against
/// the same numbers computed the way the product's reference computes them, with SQL aggregations over
/// vote, comment and item tables built from the same events, in the same run, for the same users.
/// </summary>
/// <remarks>
/// Seeds a tenant with <c>users</c> users owning 20 items each (one submission per item) and one million
/// votes and comments (60/40) spread over a year, by random users on random items. The reference's
/// tables get the indexes a careful schema would have: votes and comments by user and by item, items by
/// owner. Its ten queries run at once on a pool, as the reference's Promise.all does.
/// </remarks>
internal static class DashboardReads
{
    private const int ItemsPerUser = 20;
    private const int Engagements = 1_000_000;
    private const int Samples = 300;

    public static async Task<int> RunAsync(Uri silo, string apiKey, string connectionString, string tenantId, int users)
    {
        using var http = new HttpClient { BaseAddress = silo };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var clock = Stopwatch.StartNew();
        await SeedAsync(http, users);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {users * ItemsPerUser + Engagements:N0} events in {clock.Elapsed.TotalSeconds:F0} s"));

        await using var database = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { MaxPoolSize = 20 } }.Build();
        clock.Restart();
        await BuildReferenceAsync(database, tenantId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference tables built in {clock.Elapsed.TotalSeconds:F0} s"));

        var random = new Random(11);
        var sample = Enumerable.Range(0, Samples + 50).Select(_ => $"user-{random.Next(users)}").ToList();
        var reference = new List<double>();
        var ours = new List<double>();
        for (var i = 0; i < sample.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ReferenceDashboardAsync(database, sample[i]);
            var sql = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            await ActivityDashboardAsync(http, sample[i]);
            var grains = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 50)
            {
                reference.Add(sql);
                ours.Add(grains);
            }
        }

        Report("reference SQL (10 queries at once)", reference);
        Report("Activity over HTTP (3 requests in turn)", ours);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (reference / Activity): mean {reference.Average() / ours.Average():F1}x, p50 {Percentile(reference, 50) / Percentile(ours, 50):F1}x"));
        return 0;
    }

    private static async Task SeedAsync(HttpClient http, int users)
    {
        var random = new Random(3);
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        IEnumerable<string> Events()
        {
            for (var u = 0; u < users; u++)
            {
                for (var i = 0; i < ItemsPerUser; i++)
                {
                    yield return Json("submission", $"user-{u}", $"item-{u}-{i}", null, start.AddMinutes(random.Next(365 * 1440)));
                }
            }

            for (var e = 0; e < Engagements; e++)
            {
                var owner = random.Next(users);
                yield return Json(e % 5 < 3 ? "vote" : "comment", $"user-{random.Next(users)}", $"item-{owner}-{random.Next(ItemsPerUser)}", $"user-{owner}", start.AddMinutes(random.Next(365 * 1440)));
            }
        }

        using var gate = new SemaphoreSlim(4);
        var posts = new List<Task>();
        foreach (var batch in Events().Chunk(1000))
        {
            await gate.WaitAsync();
            var body = "[" + string.Join(",", batch) + "]";
            posts.Add(Task.Run(async () =>
            {
                try
                {
                    var response = await http.PostAsync("/api/activity/emit", new StringContent(body, Encoding.UTF8, "application/json"));
                    response.EnsureSuccessStatusCode();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(posts);
    }

    private static string Json(string type, string actor, string item, string? owner, DateTimeOffset at) =>
        owner is null
            ? string.Create(CultureInfo.InvariantCulture, $$"""{"type":"{{type}}","actorId":"{{actor}}","itemId":"{{item}}","occurredAt":"{{at:O}}"}""")
            : string.Create(CultureInfo.InvariantCulture, $$"""{"type":"{{type}}","actorId":"{{actor}}","itemId":"{{item}}","itemOwnerId":"{{owner}}","occurredAt":"{{at:O}}"}""");

    private static async Task BuildReferenceAsync(NpgsqlDataSource database, string tenantId)
    {
        string[] statements =
        [
            "DROP TABLE IF EXISTS ref_items, ref_votes, ref_comments",
            "CREATE TABLE ref_items AS SELECT item_id AS id, actor_id AS owner_id, occurred_at AS created_at FROM event_log WHERE tenant_id = @tenant AND type = 'submission'",
            "CREATE TABLE ref_votes AS SELECT actor_id AS user_id, item_id, occurred_at AS created_at FROM event_log WHERE tenant_id = @tenant AND type = 'vote'",
            "CREATE TABLE ref_comments AS SELECT actor_id AS user_id, item_id, occurred_at AS created_at FROM event_log WHERE tenant_id = @tenant AND type = 'comment'",
            "ALTER TABLE ref_items ADD PRIMARY KEY (id)",
            "CREATE INDEX ON ref_items (owner_id)",
            "CREATE INDEX ON ref_votes (user_id)",
            "CREATE INDEX ON ref_votes (item_id)",
            "CREATE INDEX ON ref_comments (user_id)",
            "CREATE INDEX ON ref_comments (item_id)",
            "ANALYZE ref_items",
            "ANALYZE ref_votes",
            "ANALYZE ref_comments",
        ];
        foreach (var sql in statements)
        {
            await using var command = database.CreateCommand(sql);
            command.Parameters.AddWithValue("tenant", tenantId);
            await command.ExecuteNonQueryAsync();
        }
    }

    // The reference's dashboard: summary counts, twelve weeks of votes and comments received, top five items.
    private static readonly string[] ReferenceQueries =
    [
        "SELECT count(*) FROM ref_votes WHERE user_id = @user",
        "SELECT count(*) FROM ref_comments WHERE user_id = @user",
        "SELECT count(DISTINCT item_id) FROM ref_votes WHERE user_id = @user",
        "SELECT count(DISTINCT item_id) FROM ref_comments WHERE user_id = @user",
        "SELECT count(*) FROM ref_votes v JOIN ref_items i ON i.id = v.item_id WHERE i.owner_id = @user",
        "SELECT count(*) FROM ref_comments c JOIN ref_items i ON i.id = c.item_id WHERE i.owner_id = @user",
        "SELECT count(*) FROM ref_items WHERE owner_id = @user",
        "SELECT to_char(v.created_at, 'IYYY-IW'), count(*) FROM ref_votes v JOIN ref_items i ON i.id = v.item_id WHERE i.owner_id = @user AND v.created_at >= now() - interval '12 weeks' GROUP BY 1",
        "SELECT to_char(c.created_at, 'IYYY-IW'), count(*) FROM ref_comments c JOIN ref_items i ON i.id = c.item_id WHERE i.owner_id = @user AND c.created_at >= now() - interval '12 weeks' GROUP BY 1",
        """
        SELECT i.id, (SELECT count(*) FROM ref_votes v WHERE v.item_id = i.id) AS votes, (SELECT count(*) FROM ref_comments c WHERE c.item_id = i.id) AS comments
        FROM ref_items i WHERE i.owner_id = @user ORDER BY 2 + 3 DESC, i.id LIMIT 5
        """,
    ];

    private static Task ReferenceDashboardAsync(NpgsqlDataSource database, string user) =>
        Task.WhenAll(ReferenceQueries.Select(async sql =>
        {
            await using var command = database.CreateCommand(sql);
            command.Parameters.AddWithValue("user", user);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }));

    private static async Task ActivityDashboardAsync(HttpClient http, string user)
    {
        foreach (var path in (string[])[$"/api/dashboard/users/{user}", $"/api/dashboard/users/{user}/weekly?weeks=12", $"/api/dashboard/users/{user}/top-items?limit=5"])
        {
            (await http.GetAsync(path)).EnsureSuccessStatusCode();
        }
    }

    private static void Report(string name, List<double> milliseconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-42} mean {milliseconds.Average(),7:F2} ms, p50 {Percentile(milliseconds, 50),7:F2} ms, p99 {Percentile(milliseconds, 99),7:F2} ms"));

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, sorted.Count * percent / 100)];
    }
}
