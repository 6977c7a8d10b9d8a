using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Activity.Silo.Http;

/// <summary>
/// Reads a request body into its typed record: System.Text.Json refuses unknown fields and wrong kinds
/// (<see cref="RequestJsonContext"/>), then the record's validation attributes (and
/// <see cref="IValidatableObject"/>) check the values. Either way the answer is the 400 naming the field
/// by its JSON path (<c>streak.days</c>), as the emit's are.
/// </summary>
internal static class JsonRequest
{
    /// <summary>The body as <typeparamref name="T"/>, checked, or the problem to answer with.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var (bytes, problem) = await JsonBody.ReadBytesAsync(request, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, problem);
        }

        var typeInfo = (JsonTypeInfo<T>)RequestJsonContext.Default.GetTypeInfo(typeof(T))!;
        T? body;
        try
        {
            body = JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException exception)
        {
            return (null, JsonRequestErrors.Explain(bytes, typeInfo, exception));
        }

        if (body is null)
        {
            return (null, Problems.BadRequest("The body must be a JSON object, not null."));
        }

        var errors = new Dictionary<string, List<string>>();
        Validate(body, request.HttpContext.RequestServices, errors);
        return (errors.Count == 0 ? body : null, errors.ToProblem());
    }

    /// <summary>
    /// The problems of a part of a request (an object field), named below <paramref name="name"/>
    /// (<c>streak.enabled</c>): what a request's <see cref="IValidatableObject.Validate"/> returns for its parts.
    /// </summary>
    public static IEnumerable<ValidationResult> ValidatePart(object? part, string name, IServiceProvider? services = null)
    {
        if (part is null)
        {
            return [];
        }

        // The services let a rule read the operator's settings (a report template's limits).
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(part, new ValidationContext(part, services, items: null), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult(r.ErrorMessage, [.. r.MemberNames.DefaultIfEmpty("").Select(m => JsonRequestErrors.Join(name, JsonName(m)))]));
    }

    // The request's problems under the fields' JSON names, as a part's are: its validation attributes,
    // then (when they hold) its own rules.
    private static void Validate(object value, IServiceProvider services, Dictionary<string, List<string>> errors)
    {
        foreach (var result in ValidatePart(value, "", services))
        {
            foreach (var field in result.MemberNames)
            {
                if (!errors.TryGetValue(field, out var messages))
                {
                    errors[field] = messages = [];
                }

                messages.Add(result.ErrorMessage ?? "is not valid.");
            }
        }
    }

    // A member's JSON name; a part's problems come named already (streak.enabled), each step camelCase.
    private static string JsonName(string member) =>
        string.Join('.', member.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
