using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Activity.LoadTest;

/// <summary>
/// How long after its 202 an event can be found in the audit log, by a filter and by a search: probes
/// emitted four a second (while the load script keeps the silo busy with other emits), each looked for
/// every 50 ms until found. The audit log's indexes follow the log as a projection, so this is its lag.
/// </summary>
internal static class AuditLag
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(Uri silo, string apiKey, int count)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var run = Guid.NewGuid().ToString("N")[..8];
        var probes = new List<Task<(double Filter, double Search)>>();
        for (var i = 0; i < count; i++)
        {
            probes.Add(ProbeAsync(http, $"probe-{run}-{i}", $"w{run}x{i}"));
            await Task.Delay(250);
        }

        var lags = await Task.WhenAll(probes);
        var filter = lags.Select(l => l.Filter).Order().ToList();
        var search = lags.Select(l => l.Search).Order().ToList();
        var within = lags.Count(l => l.Filter <= 2000 && l.Search <= 2000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit log, {count} probes: by actorId p50 {Percentile(filter, 0.5):F0} ms, p99 {Percentile(filter, 0.99):F0} ms, max {filter[^1]:F0} ms; by q= p50 {Percentile(search, 0.5):F0} ms, p99 {Percentile(search, 0.99):F0} ms, max {search[^1]:F0} ms after the 202; {within}/{count} found by both within 2 s"));
        return within == count ? 0 : 1;
    }

    // Emits one event, then looks for it both ways until found; the milliseconds from the 202 to each.
    private static async Task<(double Filter, double Search)> ProbeAsync(HttpClient http, string actor, string word)
    {
        var body = new StringContent($$"""{"type":"audit_probe","actorId":"{{actor}}","details":"probe {{word}}"}""", Encoding.UTF8, "application/json");
        (await http.PostAsync("/api/activity/emit", body)).EnsureSuccessStatusCode();
        var acknowledged = Stopwatch.GetTimestamp();
        var filter = FoundAsync(http, $"/api/activity/log?actorId={actor}", actor, acknowledged);
        var search = FoundAsync(http, $"/api/activity/log?q={word}", actor, acknowledged);
        return (await filter, await search);
    }

    private static async Task<double> FoundAsync(HttpClient http, string path, string actor, long since)
    {
        while (Stopwatch.GetElapsedTime(since) < GiveUp)
        {
            var page = await http.GetStringAsync(path);
            if (page.Contains($"\"{actor}\"", StringComparison.Ordinal))
            {
                return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
            }

            await Task.Delay(50);
        }

        return double.PositiveInfinity;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
