namespace Activity.Domain.Dashboard;

public sealed partial class UserDashboard
{
    private enum MarkKind : byte
    {
        Vote,
        Comment,
    }

    // One counted vote or comment received: who gave it, which comment it is, and the UTC day it counts in.
    private readonly record struct Mark(MarkKind Kind, string Actor, string? CommentId, int Day);

    // What one of the user's items received, in the order counted (the order removals look in).
    private sealed class ItemReceived
    {
        public List<Mark>? Marks { get; set; }

        public int Votes { get; set; }

        public int Comments { get; set; }

        // The user submitted it: it is one of theirs even before anyone engages with it.
        public bool Submitted { get; set; }

        // The latest counted mark of that kind by the actor (with that comment id, when one is named), or -1.
        public int LatestMatch(MarkKind kind, string actor, string? commentId)
        {
            if (Marks is null)
            {
                return -1;
            }

            for (var i = Marks.Count - 1; i >= 0; i--)
            {
                var mark = Marks[i];
                if (mark.Kind == kind && mark.Actor == actor && (commentId is null || mark.CommentId == commentId))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
