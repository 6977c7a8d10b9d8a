using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Activity.Grains.Tenants;

/// <summary>
/// Tenant ids and API keys. A key is 32 random bytes; only its SHA-256 is stored. A fast hash is
/// right here: the key is random and long, so there is nothing to guess, and every request checks one.
/// </summary>
public static class TenantKeys
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>A new API key: <c>act_</c> and 43 URL-safe characters.</summary>
    public static string NewKey() =>
        "act_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A new tenant id: <c>ten_</c> and 16 lowercase letters and digits.</summary>
    public static string NewTenantId() => "ten_" + string.Create(16, 0, static (chars, _) =>
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] % Alphabet.Length];
        }
    });

    /// <summary>
    /// Whether <paramref name="text"/> has the form of a tenant id. Ids from outside (a query string, a
    /// route) are checked before they reach the database, which refuses some text (NUL) outright.
    /// </summary>
    public static bool IsTenantId(string text) =>
        text.Length == 20 && text.StartsWith("ten_", StringComparison.Ordinal) && text.AsSpan(4).IndexOfAnyExcept(Alphabet) < 0;

    /// <summary>
    /// Whether <paramref name="text"/> has the form of an API key (<c>act_</c> and 43 URL-safe
    /// characters): anything else is refused without a lookup.
    /// </summary>
    public static bool IsKeyForm(string text) =>
        text.Length == 47 && text.StartsWith("act_", StringComparison.Ordinal) && text.AsSpan(4).IndexOfAnyExcept(KeyCharacters) < 0;

    /// <summary>The stored form of a key.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
