using System.Globalization;
using System.Text.RegularExpressions;

namespace Activity.Silo.Tests.Telemetry;

/// <summary>The samples of a Prometheus text exposition, to look values up by name and labels.</summary>
internal sealed partial class PrometheusText(string text)
{
    public string Text => text;

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one given (name=value); null when none is there.</summary>
    public double? Value(string name, params string[] labels)
    {
        double? sum = null;
        foreach (Match sample in Sample().Matches(text))
        {
            if (sample.Groups["name"].Value != name)
            {
                continue;
            }

            var have = Label().Matches(sample.Groups["labels"].Value).Select(l => $"{l.Groups[1].Value}={l.Groups[2].Value}").ToHashSet();
            if (labels.All(have.Contains))
            {
                sum = (sum ?? 0) + double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
