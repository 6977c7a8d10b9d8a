using System.Text.Json;
using Activity.Runtime.Calls;
using Activity.Runtime.Grains;
using Activity.Runtime.Serialization;
using Activity.Silo.Auth;

namespace Activity.Silo.Gateway;

/// <summary>
/// <c>POST /internal/grains/{interface}/{method}</c>: a grain call from Activity.Client. The interface
/// is its full .NET name; the body carries the grain key and the arguments. Results come back as
/// JSON (204 for a plain Task); a grain's exception comes back as problem+json naming its type.
/// </summary>
internal static class GrainGatewayApi
{
    public static IEndpointRouteBuilder MapGrainGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/internal/grains")
            .RequireClusterKey()
            .ExcludeFromDescription()
            .MapPost("/{grainInterface}/{method}", InvokeAsync);
        return endpoints;
    }

    private static async Task<IResult> InvokeAsync(string grainInterface, string method, HttpRequest http, GrainGateway gateway, CancellationToken cancellationToken)
    {
        var (request, error) = await GatewayRequest.ReadAsync(http, cancellationToken);
        if (request is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed grain call", detail: error);
        }

        try
        {
            var result = await gateway.InvokeAsync(grainInterface, request.Key, method, request.Arguments, cancellationToken);
            return result.Type is null
                ? TypedResults.NoContent()
                : TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(result.Value, result.Type, GrainJson.Options), "application/json");
        }
        catch (GatewayRequestException exception)
        {
            return exception.Error == GatewayRequestError.NotFound
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such grain method", detail: exception.Message)
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed grain call", detail: exception.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return GrainFailed(exception, $"{grainInterface}.{method}", request.Key);
        }
    }

    // The grain threw: say what and where, and name the exception type so the client can throw the same kind.
    private static IResult GrainFailed(Exception exception, string method, string key)
    {
        var (status, title) = exception switch
        {
            ArgumentException => (StatusCodes.Status400BadRequest, "The grain refused its arguments"),
            GrainCallTimeoutException => (StatusCodes.Status504GatewayTimeout, "The grain call timed out"),
            SiloUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The silo cannot take the call"),
            _ => (StatusCodes.Status422UnprocessableEntity, "The grain call failed"),
        };
        return TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: exception.Message,
            extensions: new Dictionary<string, object?>
            {
                ["exceptionType"] = exception.GetType().FullName,
                ["method"] = method,
                ["key"] = key,
            });
    }
}
