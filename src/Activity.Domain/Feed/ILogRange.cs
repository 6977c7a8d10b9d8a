namespace Activity.Domain.Feed;

/// <summary>
/// A stretch of a tenant's log, sequences <see cref="First"/> to <see cref="Last"/>, as a projection
/// is handed or reads it.
/// </summary>
public interface ILogRange
{
    /// <summary>The first sequence the range covers.</summary>
    long First { get; }

    /// <summary>The last sequence the range covers.</summary>
    long Last { get; }
}
