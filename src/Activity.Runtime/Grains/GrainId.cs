namespace Activity.Runtime.Grains;

/// <summary>The identity of a grain: its grain type name and its string key.</summary>
/// <param name="Type">The grain type name (the class name unless <see cref="GrainTypeAttribute"/> says otherwise).</param>
/// <param name="Key">The grain's key within its type.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>The <c>type/key</c> form used in logs and errors.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
