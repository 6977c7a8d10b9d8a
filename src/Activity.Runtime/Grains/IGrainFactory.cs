namespace Activity.Runtime.Grains;

/// <summary>Creates references to grains. A reference is cheap; calls on it are routed to the grain's one activation.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrainInterface"/> with this key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
