using System.ComponentModel.DataAnnotations;

namespace Activity.Silo.Http;

/// <summary>
/// A field the request must have, not null: "is required." Blank text passes here, so that
/// <see cref="TextAttribute"/> can say it "cannot be empty".
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class RequiredFieldAttribute : RequiredAttribute
{
    public RequiredFieldAttribute()
    {
        AllowEmptyStrings = true;
        ErrorMessage = "is required.";
    }
}
