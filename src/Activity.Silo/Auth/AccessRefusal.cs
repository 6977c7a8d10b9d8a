using Microsoft.AspNetCore.Authorization;

namespace Activity.Silo.Auth;

/// <summary>Why a requirement refused a request, as the status and problem detail the caller gets.</summary>
internal sealed class AccessRefusal(IAuthorizationHandler handler, int status, string detail) : AuthorizationFailureReason(handler, detail)
{
    /// <summary>The HTTP status of the answer: 400, 403 or 404.</summary>
    public int Status { get; } = status;
}
