using System.Diagnostics;
using System.Globalization;
using System.Text;
using Activity.Abstractions.Ingest;
using Activity.Grains.Ingest;
using Activity.Silo.Feed;

namespace Activity.Benchmarks;

/// <summary>
/// What reading an emit's body costs per event, System.Text.Json into <see cref="EventInput"/>s and then
/// <see cref="EventRules"/>, for single-event bodies and 1,000-event batches. (A hand-written reader over
/// one JsonDocument, which the emit had before, took 5,700 and 1,630 ns per event here; this 2,300 and 1,530.)
/// </summary>
internal static class EmitParsing
{
    private static readonly IngestOptions Limits = new();

    public static void Run(int rounds)
    {
        var now = DateTimeOffset.UtcNow;
        var single = Encoding.UTF8.GetBytes(Event(0));
        var batch = Encoding.UTF8.GetBytes($"[{string.Join(',', Enumerable.Range(0, 1000).Select(Event))}]");
        foreach (var (name, body, times) in new[] { ("single event", single, rounds), ("1,000-event batch", batch, Math.Max(rounds / 1000, 10)) })
        {
            Measure(name, body, times, bytes => EmitRequest.Parse(bytes, Limits, now).Events.Count);
        }
    }

    private static void Measure(string name, byte[] body, int times, Func<byte[], int> read)
    {
        for (var i = 0; i < Math.Min(times, 1000); i++)
        {
            read(body);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var events = 0L;
        for (var i = 0; i < times; i++)
        {
            events += read(body);
        }

        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-45} {clock.Elapsed.TotalNanoseconds / events,8:N0} ns/event {allocated / (double)events,8:N0} B/event"));
    }

    private static string Event(int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"type":"badge_earned","actorId":"user-{{i % 500}}","itemId":"post-{{i % 300}}","itemOwnerId":"user-{{i % 70}}","occurredAt":"2026-11-21T08:30:00Z","payload":{"badgeName":"Sprint Champion","xp":50,"tags":["a","b"]},"idempotencyKey":"k-{{i}}"}""");
}
