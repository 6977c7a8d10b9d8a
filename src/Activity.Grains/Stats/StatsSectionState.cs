using Activity.Domain.Stats;

namespace Activity.Grains.Stats;

/// <summary>What a section grain stores: its checkpoint and its own part (the others stay null).</summary>
public sealed class StatsSectionState
{
    /// <summary>Every event of the log up to this sequence is counted.</summary>
    public long Checkpoint { get; set; }

    /// <summary>The users section.</summary>
    public UsersSnapshot? Users { get; set; }

    /// <summary>The submissions section.</summary>
    public SubmissionsSnapshot? Submissions { get; set; }

    /// <summary>The activity section.</summary>
    public ActivitySnapshot? Activity { get; set; }

    /// <summary>The newsletter section.</summary>
    public NewsletterSnapshot? Newsletter { get; set; }

    /// <summary>Erased people, by a hash of their id (not the id itself), and up to which log sequence their events were taken out.</summary>
    public Dictionary<string, long>? Erased { get; set; }
}
