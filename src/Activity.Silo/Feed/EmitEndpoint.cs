using Activity.Abstractions.Ingest;
using Activity.Grains.Ingest;
using Activity.Silo.Auth;
using Activity.Silo.Http;
using Microsoft.Extensions.Options;

namespace Activity.Silo.Feed;

/// <summary>
/// <c>POST /api/activity/emit</c>: one event or an array of up to 1,000; 202 with their ids once they
/// are durable. The hottest route, so its services are given once, when it is mapped, instead of being
/// resolved for every request.
/// </summary>
internal sealed class EmitEndpoint(EventIngestor ingestor, IngestMetrics metrics, IOptions<IngestOptions> options, TimeProvider timeProvider)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadBytesAsync(request, limits.MaxBatch * (limits.MaxPayloadBytes + 2048), cancellationToken);
        if (body is null)
        {
            metrics.Refused(IngestMetrics.Invalid, 1);
            return problem!;
        }

        var (events, invalid, refused) = EmitRequest.Parse(body, limits, timeProvider.GetUtcNow());
        if (invalid is not null)
        {
            metrics.Refused(IngestMetrics.Invalid, refused);
            return invalid;
        }

        try
        {
            var ids = await ingestor.EmitAsync(request.HttpContext.User.TenantId(), events);
            return new EmitAccepted(ids);
        }
        catch (EventsRejectedException exception)
        {
            return Problems.BadRequest(exception.Message);
        }
        catch (IngestUnavailableException exception)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Problems.Unavailable(exception.Message);
        }
    }
}
