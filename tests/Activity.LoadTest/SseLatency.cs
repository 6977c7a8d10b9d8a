using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Activity.LoadTest;

/// <summary>
/// Emit to SSE: time from sending an emit to receiving the tile it creates on the live stream. One
/// emit at a time, each of its own type, so each makes a new tile; the first 10% warm up. With a pause
/// between emits longer than the feed's flush interval, every emit finds a quiet feed. Emits and the
/// stream may go to different silos.
/// </summary>
internal static class SseLatency
{
    public static async Task<int> RunAsync(Uri emitSilo, Uri streamSilo, string apiKey, int count, TimeSpan pause)
    {
        using var http = new HttpClient { BaseAddress = emitSilo, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var streaming = new HttpClient { BaseAddress = streamSilo, Timeout = Timeout.InfiniteTimeSpan };
        streaming.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var run = Guid.NewGuid().ToString("N")[..6];
        var sent = new ConcurrentDictionary<string, long>();
        var arrived = new ConcurrentDictionary<string, TaskCompletionSource<long>>();

        using var stream = await streaming.GetAsync("/api/activity/stream", HttpCompletionOption.ResponseHeadersRead);
        stream.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var listening = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains($"\"lat-{run}-", StringComparison.Ordinal))
                {
                    var now = Stopwatch.GetTimestamp();
                    using var data = JsonDocument.Parse(line.AsMemory(6));
                    if (data.RootElement.TryGetProperty("eventType", out var type) && arrived.TryGetValue(type.GetString()!, out var done))
                    {
                        done.TrySetResult(now);
                    }
                }
            }
        });

        var warmUp = count / 10;
        var latencies = new List<double>(count);
        for (var i = 0; i < count + warmUp; i++)
        {
            var type = $"lat-{run}-{i}";
            var done = arrived[type] = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var body = new StringContent($$"""{"type":"{{type}}","actorId":"probe"}""", Encoding.UTF8, "application/json");
            var start = Stopwatch.GetTimestamp();
            (await http.PostAsync("/api/activity/emit", body)).EnsureSuccessStatusCode();
            var end = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (i >= warmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            }

            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause);
            }
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"emit->SSE over {latencies.Count} emits, {pause.TotalMilliseconds:0} ms apart: p50 {Percentile(latencies, 0.50):F2} ms, p90 {Percentile(latencies, 0.90):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
