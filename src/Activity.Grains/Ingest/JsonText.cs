using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Activity.Grains.Ingest;

/// <summary>
/// What of valid JSON PostgreSQL still refuses to store: the NUL character (in text and in jsonb),
/// unpaired surrogate escapes (<c>"\ud800"</c>), and numbers beyond its numeric range. Checked when a
/// request is read, so the sender gets a 400 naming the field rather than the write failing later.
/// </summary>
public static class JsonText
{
    // A longer number is not a measurement anybody sends; within this and the exponent limit, every
    // number fits PostgreSQL's numeric.
    private const int MaxNumberLength = 100;
    private const int MaxExponent = 308;

    /// <summary>Reads a JSON string; false with the reason when it cannot be stored.</summary>
    public static bool TryRead(JsonElement value, out string text, out string? problem)
    {
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            text = "";
            problem = "is not valid Unicode text: it holds an unpaired surrogate escape (such as \\ud800).";
            return false;
        }

        problem = text.Contains('\0', StringComparison.Ordinal) ? "must not contain the NUL character (\\u0000)." : null;
        return problem is null;
    }

    /// <summary>Why text that arrived as a .NET string (from a grain call) cannot be stored, or null when it can.</summary>
    public static string? ProblemOf(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "must not contain the NUL character (\\u0000).";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return "is not valid Unicode text: it holds an unpaired surrogate.";
            }
        }

        return null;
    }

    /// <summary>Why a JSON value (a payload) cannot be stored, or null when it can.</summary>
    public static string? ProblemOf(JsonElement json)
    {
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(json));
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                // Unescaped text is valid UTF-8 without control characters already: only escapes can hide a problem.
                case JsonTokenType.PropertyName or JsonTokenType.String when reader.ValueIsEscaped:
                    string text;
                    try
                    {
                        text = reader.GetString()!;
                    }
                    catch (InvalidOperationException)
                    {
                        return "holds text that is not valid Unicode: an unpaired surrogate escape (such as \\ud800).";
                    }

                    if (text.Contains('\0', StringComparison.Ordinal))
                    {
                        return "holds the NUL character (\\u0000), which cannot be stored.";
                    }

                    break;
                case JsonTokenType.Number when !IsStorable(reader.ValueSpan):
                    return $"holds the number {Shorten(reader.ValueSpan)}, which cannot be stored: numbers are at most {MaxNumberLength} characters with an exponent within ±{MaxExponent}.";
            }
        }

        return null;
    }

    private static bool IsStorable(ReadOnlySpan<byte> number)
    {
        if (number.Length > MaxNumberLength)
        {
            return false;
        }

        var e = number.IndexOfAny((byte)'e', (byte)'E');
        if (e < 0)
        {
            return true;
        }

        var exponent = number[(e + 1)..];
        if (exponent is [(byte)'+' or (byte)'-', ..])
        {
            exponent = exponent[1..];
        }

        return Utf8Parser.TryParse(exponent, out int value, out var consumed) && consumed == exponent.Length && value <= MaxExponent;
    }

    private static string Shorten(ReadOnlySpan<byte> number) =>
        number.Length <= 24 ? Encoding.UTF8.GetString(number) : $"{Encoding.UTF8.GetString(number[..24])}...";
}
