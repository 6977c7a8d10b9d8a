using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Activity.Postgres.Migrations;

/// <summary>One numbered script from <c>sql/</c>, e.g. <c>001_grain_runtime.sql</c>.</summary>
/// <param name="Version">The number before the underscore.</param>
/// <param name="Name">The file name.</param>
/// <param name="Sql">The script.</param>
/// <param name="Checksum">SHA-256 of the script, to catch a migration edited after it was applied.</param>
internal sealed partial record Migration(int Version, string Name, string Sql, string Checksum)
{
    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("sql/", StringComparison.Ordinal))
            .Select(name => Load(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migrations {string.Join(" and ", duplicate.Select(m => m.Name))} share version {duplicate.Key}.");
        }

        return migrations;
    }

    private static Migration Load(Assembly assembly, string resource)
    {
        var name = resource["sql/".Length..];
        var match = FileName().Match(name);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration file '{name}' must be named NNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, sql, checksum);
    }

    [GeneratedRegex(@"^(\d{3,})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileName();
}
