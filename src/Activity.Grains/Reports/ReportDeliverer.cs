using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Activity.Grains.Reports;

/// <summary>
/// Hands a report file to its recipients: POSTed to webhooks signed the Standard Webhooks way
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of
/// id.timestamp.body&gt;</c> under the tenant's secret), mailed as an attachment through the configured
/// SMTP server. Each recipient is retried with backoff (Polly), every attempt recorded with a short
/// reason (<c>refused address</c>, <c>timeout</c>, <c>HTTP 500</c>), never an exception's text, which
/// would tell a tenant about the silo's network; a recipient that never took it is a failed delivery,
/// which fails nothing else. Webhooks reach only addresses <see cref="WebhookAddresses"/> allows, and
/// redirects are not followed (a 3xx is a failed attempt).
/// </summary>
public sealed partial class ReportDeliverer : IDisposable
{
    private readonly IOptions<ReportsOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ReportDeliverer> _logger;
    private readonly HttpClient _http;

    /// <summary>Creates the deliverer and its webhook connections' handler.</summary>
    public ReportDeliverer(IOptions<ReportsOptions> options, TimeProvider timeProvider, ILogger<ReportDeliverer> logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            ConnectCallback = WebhookConnector.For(() => options.Value.AllowedNetworks),
        });
    }

    /// <summary>The header that carries the body's signature (Standard Webhooks).</summary>
    public const string SignatureHeader = "webhook-signature";

    // The outcome of an attempt to an address webhooks may not reach: it stays refused, so it is not retried.
    private const string RefusedAddress = "refused address";

    /// <summary>Delivers <paramref name="file"/> to one recipient.</summary>
    public async Task<ReportDelivery> DeliverAsync(string recipient, ReportFile file, ReportRun run, string secret, CancellationToken cancellationToken)
    {
        var kind = ReportRecipient.KindOf(recipient);
        var attempts = new List<DeliveryAttempt>();
        if (kind is null)
        {
            attempts.Add(new DeliveryAttempt(_timeProvider.GetUtcNow(), "not a webhook URL or an e-mail address", false));
            return new ReportDelivery(recipient, "unknown", "failed", attempts);
        }

        var settings = _options.Value;
        if (kind == "email" && string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            attempts.Add(new DeliveryAttempt(_timeProvider.GetUtcNow(), "no SMTP server is configured (Activity:Reports:Smtp:Host)", false));
            return new ReportDelivery(recipient, kind, "failed", attempts);
        }

        // Checked again at delivery: the operator's settings may have changed since the template was saved.
        if (kind == "webhook" && WebhookAddresses.Problem(recipient, settings) is not null)
        {
            attempts.Add(new DeliveryAttempt(_timeProvider.GetUtcNow(), Uri.TryCreate(recipient, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && !settings.AllowHttpWebhooks ? "refused: plain http" : "refused address", false));
            return new ReportDelivery(recipient, kind, "failed", attempts);
        }

        var builder = new ResiliencePipelineBuilder<string?> { TimeProvider = _timeProvider };
        if (settings.WebhookAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<string?>
            {
                // An attempt answers null when it delivered, else why not; a refused address stays refused.
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is not (null or RefusedAddress)),
                MaxRetryAttempts = settings.WebhookAttempts - 1,
                Delay = settings.WebhookFirstRetry,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            });
        }

        var pipeline = builder.Build();
        var failure = await pipeline.ExecuteAsync(
            async token =>
            {
                string? outcome;
                try
                {
                    outcome = kind == "webhook" ? await PostAsync(recipient, file, run, secret, token) : await MailAsync(recipient, file, run, token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    outcome = Reason(exception);
                    LogAttemptFailed(_logger, exception, run.Id, outcome);
                }

                attempts.Add(new DeliveryAttempt(_timeProvider.GetUtcNow(), outcome ?? (kind == "webhook" ? "delivered" : "sent"), outcome is null));
                return outcome;
            },
            cancellationToken);
        return new ReportDelivery(recipient, kind, failure is null ? "delivered" : "failed", attempts);
    }

    /// <summary>
    /// The Standard Webhooks signature of a message: <c>v1,</c> and the base64 HMAC-SHA256 of
    /// <c>{id}.{timestamp}.{body}</c>, keyed with the secret after <c>whsec_</c> read as base64 (what the
    /// Standard Webhooks libraries do with a secret).
    /// </summary>
    public static async Task<string> SignAsync(string id, long timestamp, string path, string secret, CancellationToken cancellationToken)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Convert.FromBase64String(secret["whsec_".Length..]));
        hmac.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.")));
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        var buffer = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hmac.AppendData(buffer, 0, read);
        }

        return "v1," + Convert.ToBase64String(hmac.GetHashAndReset());
    }

    /// <summary>
    /// The <c>webhook-id</c> of a run's message to one recipient: the same on every attempt and on a
    /// taken-over run's redelivery, so a receiver can drop what it has seen.
    /// </summary>
    public static string MessageId(ReportRun run, string recipient) =>
        $"msg_{run.Id:N}_{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recipient)))[..12]}";

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // What a failed attempt says: a few words, the same for everyone, nothing from the exception's text.
    private static string Reason(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookRefusedException)
            {
                return RefusedAddress;
            }
        }

        return exception switch
        {
            OperationCanceledException or TimeoutException => "timeout",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "name not found",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS failed",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection failed",
            HttpRequestException => "HTTP failed",
            MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException => "SMTP refused",
            _ => "delivery failed",
        };
    }

    // Null when the webhook took it (2xx), else its status.
    private async Task<string?> PostAsync(string url, ReportFile file, ReportRun run, string secret, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Value.WebhookTimeout);
        var id = MessageId(run, url);
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        await using var body = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = file.FileName };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, await SignAsync(id, timestamp, file.Path, secret, timeout.Token));
        request.Headers.Add("X-Activity-Report-Run", run.Id.ToString());
        request.Headers.Add("X-Activity-Report-Template", run.TemplateId);
        using var response = await _http.SendAsync(request, timeout.Token);
        return response.IsSuccessStatusCode ? null : string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
    }

    private async Task<string?> MailAsync(string address, ReportFile file, ReportRun run, CancellationToken cancellationToken)
    {
        var smtp = _options.Value.Smtp;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From!));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = $"{run.TemplateName} ({(run.Slot ?? run.StartedAt).UtcDateTime:yyyy-MM-dd})";
        var body = new BodyBuilder { TextBody = $"The report {run.TemplateName} is attached ({file.FileName}, {file.Size:N0} bytes).\nRun {run.Id}." };
        await using (var attachment = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
        {
            await body.Attachments.AddAsync(file.FileName, attachment, ContentType.Parse(file.ContentType), cancellationToken);
        }

        message.Body = body.ToMessageBody();

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A delivery attempt of report run {RunId} failed ({Reason})")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, Guid runId, string reason);
}
