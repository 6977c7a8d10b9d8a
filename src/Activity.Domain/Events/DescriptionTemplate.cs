using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Activity.Domain.Events;

/// <summary>
/// Fills a description from an event's payload. <c>{name}</c> is a payload field (<c>{a.b}</c> a nested
/// one, <c>{count}</c>, <c>{actors}</c> and <c>{actor}</c> come from the tile); <c>{name|text}</c> uses
/// <c>text</c> when the field is missing; <c>[...]</c> is a section dropped when a field inside it is
/// missing. <c>"Badge earned: {badgeName|a badge}[ (+{xp} XP)]"</c> gives
/// "Badge earned: Sprint Champion (+50 XP)", or "Badge earned: a badge" from an empty payload.
/// </summary>
public static class DescriptionTemplate
{
    /// <summary>Descriptions are cut to this length (a payload field can be long).</summary>
    public const int MaxLength = 280;

    /// <summary>Renders <paramref name="template"/>; never throws on a missing or odd-shaped field.</summary>
    public static string Render(string template, JsonElement? payload, IReadOnlyDictionary<string, string>? values = null)
    {
        var output = new StringBuilder();
        var position = 0;
        RenderSpan(template, ref position, payload, values, output, inSection: false);
        var text = output.ToString().Trim();
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    // Renders until the end of the template or, inside a section, its closing ']'. Returns false
    // when a field without a fallback was missing (which drops the enclosing section).
    private static bool RenderSpan(string template, ref int position, JsonElement? payload, IReadOnlyDictionary<string, string>? values, StringBuilder output, bool inSection)
    {
        var complete = true;
        while (position < template.Length)
        {
            var c = template[position];
            if (c == ']' && inSection)
            {
                position++;
                return complete;
            }

            if (c == '[')
            {
                position++;
                var section = new StringBuilder();
                if (RenderSpan(template, ref position, payload, values, section, inSection: true))
                {
                    output.Append(section);
                }

                continue;
            }

            if (c == '{' && template.IndexOf('}', position) is var close and > 0)
            {
                var field = template.AsSpan(position + 1, close - position - 1);
                position = close + 1;
                var bar = field.IndexOf('|');
                var name = (bar < 0 ? field : field[..bar]).Trim().ToString();
                var value = Lookup(name, payload, values);
                if (value is not null)
                {
                    output.Append(value);
                }
                else if (bar >= 0)
                {
                    output.Append(field[(bar + 1)..]);
                }
                else
                {
                    complete = false;
                }

                continue;
            }

            output.Append(c);
            position++;
        }

        return complete;
    }

    private static string? Lookup(string name, JsonElement? payload, IReadOnlyDictionary<string, string>? values)
    {
        if (values is not null && values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (payload is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        foreach (var part in name.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => element.TryGetInt64(out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : element.GetDouble().ToString("0.##", CultureInfo.InvariantCulture),
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => null,
        };
    }
}
