namespace Activity.Testing;

/// <summary>
/// Asks again, with a pause between asks, until the answer is the one a test waits for: for what happens
/// on its own time (a timer's run, a failure detector, a run going on after a 202), where there is no
/// signal to await. The pause keeps the asking from competing for the CPU with what it waits for: on
/// two cores, a loop of back-to-back calls slows the very failure detection a cluster test measures.
/// </summary>
public static class Poll
{
    /// <summary>The pause between two asks, unless a test says otherwise.</summary>
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>Asks <paramref name="ask"/> until <paramref name="done"/> holds for its answer, and returns that answer; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s; the last answer was {answer}.");
            }

            await Task.Delay(every ?? DefaultEvery);
        }
    }

    /// <summary>Asks until <paramref name="ask"/> answers true; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> ask, TimeSpan timeout, string what, TimeSpan? every = null) =>
        UntilAsync(ask, answer => answer, timeout, what, every);
}
