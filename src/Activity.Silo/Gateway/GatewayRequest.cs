using System.Text.Json;
using Activity.Silo.Http;

namespace Activity.Silo.Gateway;

/// <summary>The body of a gateway call: <c>{ "key": "acme", "arguments": [ ... ] }</c>.</summary>
internal sealed record GatewayRequest(string Key, JsonElement Arguments)
{
    /// <summary>Reads the body strictly; the error says what to fix.</summary>
    public static async Task<(GatewayRequest? Request, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, $"The body is not JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be an object: { \"key\": \"...\", \"arguments\": [ ... ] }.");
            }

            string? key = null;
            JsonElement? arguments = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "key" when property.Value.ValueKind == JsonValueKind.String:
                        if (!JsonText.TryRead(property.Value, out var text, out var problem))
                        {
                            return (null, $"'key' {problem}");
                        }

                        key = text;
                        break;
                    case "arguments":
                        arguments = property.Value.Clone();
                        break;
                    default:
                        return (null, $"Unknown or mistyped field '{property.Name}'; the body has a string 'key' and an array 'arguments'.");
                }
            }

            return key is null
                ? (null, "The body needs a string 'key': the grain's key.")
                : (new GatewayRequest(key, arguments ?? JsonDocument.Parse("[]").RootElement.Clone()), null);
        }
    }
}
