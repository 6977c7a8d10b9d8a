using System.Security.Cryptography;
using System.Text;

namespace Activity.Grains.Erasure;

/// <summary>
/// How dashboards and statistics sections remember a person they were told to forget: by the SHA-256
/// of the id, enough to recognise the same person asked about again without keeping the id.
/// </summary>
internal static class ErasedPerson
{
    public static string Key(string userId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
}
