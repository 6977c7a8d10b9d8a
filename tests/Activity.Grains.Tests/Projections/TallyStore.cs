using Orleans.Storage;

namespace Activity.Grains.Tests.Projections;

/// <summary>
/// Where the test projection keeps what it applied: every sequence, in the order applied, and its
/// checkpoint, written together and guarded by the checkpoint the writer started from, as a projection
/// writing to a database does. Shared by every silo of a test cluster (and by two clusters).
/// </summary>
public sealed class TallyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Checkpoint, List<long> Applied)> _tallies = [];

    /// <summary>When set, the next write is stored and then reported as failed: an answer lost after the commit.</summary>
    public bool LoseNextAnswer { get; set; }

    /// <summary>How many writes were stored.</summary>
    public int Writes { get; private set; }

    public (long Checkpoint, IReadOnlyList<long> Applied) Load(string key)
    {
        lock (_gate)
        {
            return _tallies.TryGetValue(key, out var tally) ? (tally.Checkpoint, [.. tally.Applied]) : (0, []);
        }
    }

    /// <summary>Stores <paramref name="sequences"/> and moves the checkpoint from <paramref name="from"/> to <paramref name="to"/>, or throws when it is not at <paramref name="from"/>.</summary>
    public void Write(string key, long from, long to, IEnumerable<long> sequences)
    {
        lock (_gate)
        {
            var (checkpoint, applied) = _tallies.TryGetValue(key, out var tally) ? tally : (0, []);
            if (checkpoint != from)
            {
                throw new InconsistentStateException($"The tally {key} is at {checkpoint}, not {from}: another activation moved it on.");
            }

            _tallies[key] = (to, [.. applied, .. sequences]);
            Writes++;
            if (LoseNextAnswer)
            {
                LoseNextAnswer = false;
                throw new TimeoutException("The write was stored but its answer was lost.");
            }
        }
    }
}
