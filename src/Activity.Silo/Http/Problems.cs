using Microsoft.AspNetCore.Http.HttpResults;

namespace Activity.Silo.Http;

/// <summary>The problem+json answers the API gives, with a message a caller can act on.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: detail);

    /// <summary>A 400 listing every field that is wrong: <c>errors</c> maps a field path to its messages.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: errors.First() is var (field, messages) ? $"{field}: {messages[0]}" : null,
            title: "The request has invalid fields");
}
