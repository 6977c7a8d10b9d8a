using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Activity.Grains.Tenants;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Activity.Silo.Auth;

/// <summary>
/// Signed, short-lived tokens for one user of a tenant, for browsers (GetStream's user tokens are the
/// model): a JWT (HS256) with the tenant (<c>tid</c>), the user (<c>sub</c>) and an expiry. The signing key
/// is derived from the hash of the tenant's current API key, which every silo reads from the tenant
/// store: no extra secret to share between silos, and a rotation of the tenant key ends its tokens.
/// </summary>
/// <remarks>
/// Like the API key cache, a silo remembers a tenant's signing key for a minute, and a rotation tells
/// every silo to forget it at once (<see cref="RotationNotice"/>).
/// </remarks>
internal sealed class UserTokens(ITenantStore store, TimeProvider timeProvider)
{
    /// <summary>A token's lifetime when none is asked for.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>The longest lifetime a token may have.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>The shortest lifetime a token may have.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);

    private const string Issuer = "activity";
    private const string TenantClaim = "tid";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private static readonly byte[] KeyPurpose = Encoding.UTF8.GetBytes("activity user tokens v1");
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="text"/> has a JWT's shape (three base64url parts, a JSON header).</summary>
    public static bool LooksLikeToken(string text) =>
        text.StartsWith("eyJ", StringComparison.Ordinal) && text.AsSpan().Count('.') == 2;

    /// <summary>A token for <paramref name="userId"/> of the tenant, or null when the tenant does not exist.</summary>
    public async Task<IssuedToken?> IssueAsync(string tenantId, string userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (await KeyOfAsync(tenantId, cancellationToken) is not { } key)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = now + lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object> { [TenantClaim] = tenantId, [JwtRegisteredClaimNames.Sub] = userId },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expiresAt);
    }

    /// <summary>The user the token stands for, or why it does not stand for anyone.</summary>
    public async Task<(ClaimsPrincipal? Principal, string? Problem)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        const string NotOurs = "That is not a user token of this service (mint one with POST /api/activity/tokens).";
        if (!LooksLikeToken(token) || !_handler.CanReadToken(token))
        {
            return (null, NotOurs);
        }

        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return (null, NotOurs);
        }

        if (!unverified.TryGetPayloadValue<string>(TenantClaim, out var tenantId) || !TenantKeys.IsTenantId(tenantId)
            || await KeyOfAsync(tenantId, cancellationToken) is not { } key)
        {
            return (null, NotOurs);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            // The service's clock, not the machine's, so that tests can move time.
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } until && until > now - ClockSkew && (notBefore is not { } from || from <= now + ClockSkew),
        });
        if (!result.IsValid)
        {
            return (null, result.Exception is SecurityTokenInvalidLifetimeException
                ? "The user token has expired; mint a new one with POST /api/activity/tokens."
                : "The user token's signature does not match: it was changed, or the tenant's key was rotated since it was minted.");
        }

        if (!result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) || sub is not string userId || userId.Length == 0)
        {
            return (null, NotOurs);
        }

        var identity = new ClaimsIdentity([new Claim(AccessSchemes.TenantClaim, tenantId), new Claim(AccessSchemes.UserClaim, userId)], AccessSchemes.UserToken);
        return (new ClaimsPrincipal(identity), null);
    }

    /// <summary>Forgets the tenant's signing key (its API key was rotated).</summary>
    public void Forget(string tenantId) => _keys.TryRemove(tenantId, out _);

    private async ValueTask<SymmetricSecurityKey?> KeyOfAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_keys.TryGetValue(tenantId, out var known) && known.Until > now)
        {
            return known.Key;
        }

        if (await store.GetKeyHashAsync(tenantId, cancellationToken) is not { } keyHash)
        {
            return null;
        }

        var key = new SymmetricSecurityKey(HMACSHA256.HashData(keyHash, KeyPurpose));
        _keys[tenantId] = new SigningKey(key, now + Remember);
        return key;
    }

    private sealed record SigningKey(SymmetricSecurityKey Key, DateTimeOffset Until);
}

/// <summary>A minted user token and when it stops working.</summary>
internal sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);
