using MimeKit;

namespace Activity.Grains.Reports;

/// <summary>Who a report goes to: a webhook (an absolute http or https URL) or an e-mail address.</summary>
public static class ReportRecipient
{
    /// <summary><c>webhook</c>, <c>email</c>, or null when <paramref name="recipient"/> is neither.</summary>
    public static string? KindOf(string recipient)
    {
        if (Uri.TryCreate(recipient, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return "webhook";
        }

        return !recipient.Contains("://", StringComparison.Ordinal) && MailboxAddress.TryParse(recipient, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
            ? "email"
            : null;
    }
}
