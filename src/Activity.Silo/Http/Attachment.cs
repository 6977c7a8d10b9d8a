using Microsoft.Net.Http.Headers;

namespace Activity.Silo.Http;

/// <summary>Heads a response that is a file to save: its content type and name (RFC 6266, UTF-8 names too).</summary>
internal static class Attachment
{
    public static void Head(HttpResponse response, string contentType, string? fileName)
    {
        response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }
}
