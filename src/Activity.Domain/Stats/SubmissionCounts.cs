namespace Activity.Domain.Stats;

/// <summary>The submissions section: all submissions, and per day.</summary>
public sealed class SubmissionCounts
{
    private DailyCounts _perDay = new();

    /// <summary>Every submission.</summary>
    public int Total { get; private set; }

    /// <summary>Submissions that occurred on <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int Between(DateOnly from, DateOnly to) => _perDay.Sum(from, to);

    /// <summary>Counts a range of the log.</summary>
    public void Apply(StatsBatch batch)
    {
        Total += batch.SubmissionDays.Count;
        foreach (var day in batch.SubmissionDays)
        {
            _perDay.Add(day);
        }
    }

    /// <summary>Takes back the submissions of an erased person's events (<paramref name="erased"/>).</summary>
    public void Forget(StatsBatch erased)
    {
        Total -= erased.SubmissionDays.Count;
        foreach (var day in erased.SubmissionDays)
        {
            _perDay.Add(day, -1);
        }
    }

    /// <summary>For storage.</summary>
    public SubmissionsSnapshot ToSnapshot() => new(Total, _perDay.ToSnapshot());

    /// <summary>From storage.</summary>
    public static SubmissionCounts Restore(SubmissionsSnapshot snapshot) => new() { Total = snapshot.Total, _perDay = DailyCounts.Restore(snapshot.PerDay) };
}

/// <summary>A stored <see cref="SubmissionCounts"/>.</summary>
public sealed record SubmissionsSnapshot(int Total, IReadOnlyList<DayCount> PerDay);
