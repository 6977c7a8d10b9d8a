namespace Activity.Domain.Stats;

/// <summary>The users section: every actor seen, those who signed up, and sign-ups per day.</summary>
public sealed class UserRegistry
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private DailyCounts _newPerDay = new();

    /// <summary>Distinct actors seen.</summary>
    public int Total => _seen.Count;

    /// <summary>Distinct actors with a <c>SIGN_UP</c>.</summary>
    public int Registered => _registered.Count;

    /// <summary>Users whose first sign-up falls on <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int New(DateOnly from, DateOnly to) => _newPerDay.Sum(from, to);

    /// <summary>Counts a range of the log.</summary>
    public void Apply(StatsBatch batch)
    {
        _seen.UnionWith(batch.Actors);
        foreach (var (actor, day) in batch.SignUps)
        {
            if (_registered.Add(actor))
            {
                _newPerDay.Add(day);
            }
        }
    }

    /// <summary>
    /// Forgets an erased person: <paramref name="erased"/> holds their events still in the log, whose
    /// sign-up (if any) takes them back from the new users of its day.
    /// </summary>
    public void Forget(string user, StatsBatch erased)
    {
        _seen.Remove(user);
        if (_registered.Remove(user) && erased.SignUps.Where(s => s.Actor == user).Select(s => (DateOnly?)s.Day).FirstOrDefault() is { } day)
        {
            _newPerDay.Add(day, -1);
        }
    }

    /// <summary>For storage.</summary>
    public UsersSnapshot ToSnapshot() => new([.. _seen], [.. _registered], _newPerDay.ToSnapshot());

    /// <summary>From storage.</summary>
    public static UserRegistry Restore(UsersSnapshot snapshot)
    {
        var users = new UserRegistry { _newPerDay = DailyCounts.Restore(snapshot.NewPerDay) };
        users._seen.UnionWith(snapshot.Seen);
        users._registered.UnionWith(snapshot.Registered);
        return users;
    }
}

/// <summary>A stored <see cref="UserRegistry"/>.</summary>
public sealed record UsersSnapshot(IReadOnlyList<string> Seen, IReadOnlyList<string> Registered, IReadOnlyList<DayCount> NewPerDay);
