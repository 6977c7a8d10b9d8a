using System.Text.Encodings.Web;
using System.Text.Json;
using Orleans.Storage;

namespace Activity.Grains.State;

/// <summary>
/// Activity's grain state as plain JSON (UTF-8, camelCase, no type names): a state class can be renamed
/// or moved without orphaning its rows, and a person can read them.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)!;
}
