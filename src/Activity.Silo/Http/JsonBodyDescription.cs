using Microsoft.OpenApi;

namespace Activity.Silo.Http;

/// <summary>
/// Describes a route's JSON body in the OpenAPI document. Not <c>Accepts&lt;T&gt;()</c>: that also lets
/// routing refuse other content types with a bare 415 before the route can say what to send.
/// </summary>
internal static class JsonBodyDescription
{
    /// <summary>The route takes a <typeparamref name="T"/> as JSON.</summary>
    public static RouteHandlerBuilder TakesJson<T>(this RouteHandlerBuilder route) =>
        route.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), cancellationToken: cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
