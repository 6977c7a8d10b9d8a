namespace Activity.Grains;

/// <summary>The names of the Orleans providers Activity's grains use; the host registers them.</summary>
public static class ActivityProviders
{
    /// <summary>Grain state of Activity's own grains: JSON without type names.</summary>
    public const string Storage = "activity";

    /// <summary>Where Orleans keeps stream subscriptions (its own name for it).</summary>
    public const string PubSub = "PubSubStore";
}
