using Orleans;

namespace Activity.Domain.Feed;

/// <summary>The three reactions a tile can get.</summary>
public enum ReactionType
{
    /// <summary>"hype": this is exciting.</summary>
    Hype,

    /// <summary>"respect": well done.</summary>
    Respect,

    /// <summary>"tribute": in honour of it.</summary>
    Tribute,
}

/// <summary>How many of each reaction a tile has.</summary>
/// <param name="Hype">"hype" reactions.</param>
/// <param name="Respect">"respect" reactions.</param>
/// <param name="Tribute">"tribute" reactions.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.ReactionCounts")]
public readonly record struct ReactionCounts([property: Id(0)] int Hype, [property: Id(1)] int Respect, [property: Id(2)] int Tribute)
{
    /// <summary>Counts of a set of (user, reaction) pairs.</summary>
    public static ReactionCounts Of(IEnumerable<ReactionType> reactions)
    {
        int hype = 0, respect = 0, tribute = 0;
        foreach (var reaction in reactions)
        {
            switch (reaction)
            {
                case ReactionType.Hype: hype++; break;
                case ReactionType.Respect: respect++; break;
                case ReactionType.Tribute: tribute++; break;
            }
        }

        return new ReactionCounts(hype, respect, tribute);
    }

    /// <summary>Reads "hype", "respect" or "tribute" (any case).</summary>
    public static bool TryParse(string? text, out ReactionType type) =>
        Enum.TryParse(text, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(text, out _);
}
