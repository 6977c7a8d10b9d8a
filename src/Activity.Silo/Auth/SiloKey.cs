using System.Security.Cryptography;
using System.Text;

namespace Activity.Silo.Auth;

/// <summary>A secret the silo checks (admin key, drain secret): configured, or generated at start.</summary>
internal sealed class SiloKey
{
    private readonly byte[] _hash;

    public SiloKey(string? configured, string generatedPrefix)
    {
        IsGenerated = string.IsNullOrWhiteSpace(configured);
        Value = IsGenerated ? generatedPrefix + Base64Url(RandomNumberGenerator.GetBytes(24)) : configured!.Trim();
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(Value));
    }

    /// <summary>The key.</summary>
    public string Value { get; }

    /// <summary>True when no key was configured and this one lives only as long as the process.</summary>
    public bool IsGenerated { get; }

    /// <summary>The last four characters, enough to tell keys apart in a log without revealing one.</summary>
    public string Hint => Value.Length > 8 ? "..." + Value[^4..] : "(short)";

    /// <summary>
    /// Whether <paramref name="presented"/> is this key. Compares hashes in constant time, so neither
    /// the content nor the length of the key leaks through response timing.
    /// </summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
