namespace Activity.Silo.Http;

/// <summary>Turns collected field errors into the 400 answer.</summary>
internal static class FieldErrors
{
    public static IResult? ToProblem(this Dictionary<string, List<string>> errors) =>
        errors.Count == 0 ? null : Problems.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
