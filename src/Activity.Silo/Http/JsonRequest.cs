using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Activity.Silo.Http;

/// <summary>
/// Reads a request body into its typed record: System.Text.Json refuses unknown fields, wrong kinds and
/// repeated fields (<see cref="RequestJsonContext"/>), then the record's validation attributes (and
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
        Validate(body, "", errors);
        return (errors.Count == 0 ? body : null, errors.ToProblem());
    }

    /// <summary>
    /// Checks <paramref name="value"/>'s validation attributes, then (when they hold) its own rules, and adds
    /// what is wrong under the fields' JSON names below <paramref name="path"/>. A request whose parts are
    /// records of their own validates each part with this, under the part's name.
    /// </summary>
    public static void Validate(object value, string path, Dictionary<string, List<string>> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                var field = JsonRequestErrors.Join(path, JsonNamingPolicy.CamelCase.ConvertName(member));
                if (!errors.TryGetValue(field, out var messages))
                {
                    errors[field] = messages = [];
                }

                messages.Add(result.ErrorMessage ?? "is not valid.");
            }
        }
    }
}
