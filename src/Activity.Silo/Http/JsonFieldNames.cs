using System.Text;
using System.Text.Json;

namespace Activity.Silo.Http;

/// <summary>
/// The fields a request body may have, as text and as UTF-8: a body's property names are compared in
/// UTF-8, so the names are encoded once, here, not for every property of every request.
/// </summary>
internal sealed class JsonFieldNames
{
    private readonly byte[][] _utf8;

    /// <summary>The names, in the order the request documents them.</summary>
    public JsonFieldNames(params string[] names)
    {
        Names = names;
        _utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>The names as text.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How many names there are.</summary>
    public int Count => Names.Count;

    /// <summary>The position of the property's name, or -1 when it is none of these.</summary>
    public int IndexOf(JsonProperty property)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (property.NameEquals(_utf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The position of <paramref name="name"/>, which must be one of these.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{name}' is not one of the fields {string.Join(", ", Names)}.", nameof(name));
    }
}
