namespace Activity.Runtime.Streams;

/// <summary>A stream's identity: a namespace (<c>feed</c>) and a key (a tenant id).</summary>
/// <param name="Namespace">What kind of stream it is.</param>
/// <param name="Key">Which one.</param>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <summary>The <c>namespace/key</c> form.</summary>
    public override string ToString() => $"{Namespace}/{Key}";
}
