using System.ComponentModel.DataAnnotations;
using Activity.Grains.Ingest;

namespace Activity.Silo.Http;

/// <summary>
/// A text field as an emit's are checked: not blank, storable by PostgreSQL (no NUL, no unpaired
/// surrogate) and at most <see cref="StringLengthAttribute.MaximumLength"/> characters, with the
/// emit's messages. A <see cref="StringLengthAttribute"/>, so the OpenAPI document states the length.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TextAttribute : StringLengthAttribute
{
    /// <summary>Text of 1 to <paramref name="maxLength"/> characters.</summary>
    public TextAttribute(int maxLength)
        : base(maxLength)
    {
        MinimumLength = 1;
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text && (JsonText.ProblemOf(text) ?? EventRules.TextProblem(text, MaximumLength)) is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
