namespace Activity.Silo.Auth;

/// <summary>Lets a request through only with <c>Authorization: Bearer &lt;cluster key&gt;</c>; otherwise 401 problem+json.</summary>
internal sealed class ClusterKeyFilter(SiloKeys keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (keys.Cluster.Matches(BearerToken.Read(context.HttpContext.Request)))
        {
            return await next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Cluster key required",
            detail: "Send the silo's cluster key (Activity:ClusterKey) as 'Authorization: Bearer <key>'.");
    }
}
