using System.Text.Encodings.Web;
using System.Text.Json;
using Orleans.Storage;

namespace Activity.Postgres.State;

/// <summary>
/// Activity's grain state as plain JSON (UTF-8, camelCase, no type names): a state class can be renamed
/// or moved without orphaning its rows, and a person can read them.
/// </summary>
internal sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)!;
}
