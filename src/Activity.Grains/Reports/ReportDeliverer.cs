using System.Net.Http.Headers;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Activity.Grains.Reports;

/// <summary>
/// Hands a report file to its recipients: POSTed to webhooks with an HMAC-SHA256 signature of the body
/// (<c>X-Activity-Signature: sha256=&lt;hex&gt;</c>, the tenant's secret), mailed as an attachment through
/// the configured SMTP server. Each recipient is retried with backoff (Polly), every attempt recorded; a
/// recipient that never took it is a failed delivery, which fails nothing else.
/// </summary>
public sealed class ReportDeliverer(IOptions<ReportsOptions> options, TimeProvider timeProvider) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    /// <summary>The header that carries the body's signature.</summary>
    public const string SignatureHeader = "X-Activity-Signature";

    /// <summary>Delivers <paramref name="file"/> to one recipient.</summary>
    public async Task<ReportDelivery> DeliverAsync(string recipient, ReportFile file, ReportRun run, string secret, CancellationToken cancellationToken)
    {
        var kind = ReportRecipient.KindOf(recipient);
        var attempts = new List<DeliveryAttempt>();
        if (kind is null)
        {
            attempts.Add(new DeliveryAttempt(timeProvider.GetUtcNow(), "not a webhook URL or an e-mail address", false));
            return new ReportDelivery(recipient, "unknown", "failed", attempts);
        }

        var settings = options.Value;
        if (kind == "email" && string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            attempts.Add(new DeliveryAttempt(timeProvider.GetUtcNow(), "no SMTP server is configured (Activity:Reports:Smtp:Host)", false));
            return new ReportDelivery(recipient, kind, "failed", attempts);
        }

        var pipeline = new ResiliencePipelineBuilder<string?> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<string?>
            {
                // An attempt answers null when it delivered, else why not.
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is not null || arguments.Outcome.Result is not null),
                MaxRetryAttempts = settings.WebhookAttempts - 1,
                Delay = settings.WebhookFirstRetry,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            })
            .Build();
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
                    outcome = exception.Message;
                }

                attempts.Add(new DeliveryAttempt(timeProvider.GetUtcNow(), outcome ?? (kind == "webhook" ? "delivered" : "sent"), outcome is null));
                return outcome;
            },
            cancellationToken);
        return new ReportDelivery(recipient, kind, failure is null ? "delivered" : "failed", attempts);
    }

    /// <summary>The signature of <paramref name="path"/>'s bytes under <paramref name="secret"/>: <c>sha256=</c> and lowercase hex.</summary>
    public static async Task<string> SignAsync(string path, string secret, CancellationToken cancellationToken)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, System.Text.Encoding.UTF8.GetBytes(secret));
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        var buffer = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hmac.AppendData(buffer, 0, read);
        }

        return "sha256=" + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // Null when the webhook took it (2xx), else its status.
    private async Task<string?> PostAsync(string url, ReportFile file, ReportRun run, string secret, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        await using var body = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = file.FileName };
        request.Headers.Add(SignatureHeader, await SignAsync(file.Path, secret, timeout.Token));
        request.Headers.Add("X-Activity-Report-Run", run.Id.ToString());
        request.Headers.Add("X-Activity-Report-Template", run.TemplateId);
        using var response = await _http.SendAsync(request, timeout.Token);
        return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private async Task<string?> MailAsync(string address, ReportFile file, ReportRun run, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
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
}
