using System.Collections.Concurrent;
using System.Globalization;
using Activity.Runtime.Grains;

namespace Activity.Runtime.State;

/// <summary>Grain state in process memory, for the embedded silo: same ETag rules as PostgreSQL, gone on restart.</summary>
internal sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(GrainId Grain, string State), Row> _rows = new();

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue((grainId, stateName), out var row) ? new GrainStateRecord(row.Payload, Format(row.Version)) : null);

    public Task<string> WriteAsync(GrainId grainId, string stateName, string payload, string? etag, CancellationToken cancellationToken) =>
        Task.FromResult(Format(Swap(grainId, stateName, payload, etag)));

    public Task<string?> ClearAsync(GrainId grainId, string stateName, string? etag, CancellationToken cancellationToken)
    {
        if (etag is null && !_rows.ContainsKey((grainId, stateName)))
        {
            return Task.FromResult<string?>(null);
        }

        return Task.FromResult<string?>(Format(Swap(grainId, stateName, payload: null, etag)));
    }

    // Compare-and-swap on the row: the write lands only if the stored version is the one the caller read.
    private long Swap(GrainId grainId, string stateName, string? payload, string? etag)
    {
        var key = (grainId, stateName);
        if (etag is null)
        {
            if (_rows.TryAdd(key, new Row(payload, 1)))
            {
                return 1;
            }
        }
        else if (_rows.TryGetValue(key, out var current) && Format(current.Version) == etag
                 && _rows.TryUpdate(key, new Row(payload, current.Version + 1), current))
        {
            return current.Version + 1;
        }

        var stored = _rows.TryGetValue(key, out var row) ? Format(row.Version) : null;
        throw new InconsistentStateException(grainId, stateName, etag, stored);
    }

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(string? Payload, long Version);
}
