using System.Text.Json;

namespace Activity.Abstractions.Serialization;

/// <summary>
/// How a JSON value (an event's payload) travels between silos and clients: as its text. Orleans has
/// no serializer of its own for <see cref="JsonElement"/>.
/// </summary>
/// <param name="Json">The value's JSON text.</param>
[GenerateSerializer]
[Immutable]
[Alias("activity.Json")]
public readonly record struct JsonElementSurrogate([property: Id(0)] string Json);

/// <summary>Converts a <see cref="JsonElement"/> to its surrogate and back.</summary>
[RegisterConverter]
public sealed class JsonElementConverter : IConverter<JsonElement, JsonElementSurrogate>
{
    /// <inheritdoc />
    public JsonElement ConvertFromSurrogate(in JsonElementSurrogate surrogate)
    {
        using var document = JsonDocument.Parse(surrogate.Json);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public JsonElementSurrogate ConvertToSurrogate(in JsonElement value) => new(value.GetRawText());
}
