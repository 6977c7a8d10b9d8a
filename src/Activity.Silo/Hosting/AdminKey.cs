using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Hosting;

/// <summary>The admin key in force: the configured one, or one generated at start.</summary>
internal sealed class AdminKey
{
    public AdminKey(IOptions<SiloOptions> options)
    {
        var configured = options.Value.AdminKey;
        IsGenerated = string.IsNullOrWhiteSpace(configured);
        Value = IsGenerated ? "adm_" + Base64Url(RandomNumberGenerator.GetBytes(24)) : configured!.Trim();
    }

    /// <summary>The key.</summary>
    public string Value { get; }

    /// <summary>True when no key was configured and this one lives only as long as the process.</summary>
    public bool IsGenerated { get; }

    /// <summary>The last four characters, enough to tell keys apart in a log without revealing one.</summary>
    public string Hint => Value.Length > 8 ? "..." + Value[^4..] : "(short)";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
