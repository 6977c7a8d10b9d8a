using System.Net;
using System.Net.Sockets;
using Activity.Grains.Reports;

namespace Activity.Grains.Tests.Reports;

public sealed class WebhookAddressesTests
{
    private static readonly ReportsOptions Defaults = new();

    [Theory]
    [InlineData("https://127.0.0.1:8080/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f.0.0.1/hook")]
    [InlineData("https://127.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[ff02::1]/hook")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("https://[2002:7f00:1::]/hook")]
    public void Internal_addresses_in_every_spelling_are_refused(string url)
    {
        Assert.Contains("internal address", WebhookAddresses.Problem(url, Defaults));
    }

    [Theory]
    [InlineData("https://hooks.example.com/report")]
    [InlineData("https://93.184.215.14/hook")]
    [InlineData("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook")]
    public void Public_addresses_and_names_may_be_tried(string url)
    {
        Assert.Null(WebhookAddresses.Problem(url, Defaults));
    }

    [Fact]
    public void Plain_http_and_credentials_in_the_url_are_refused_unless_http_is_allowed()
    {
        Assert.Contains("plain http", WebhookAddresses.Problem("http://hooks.example.com/", Defaults));
        Assert.Null(WebhookAddresses.Problem("http://hooks.example.com/", new ReportsOptions { AllowHttpWebhooks = true }));
        Assert.Contains("user name or password", WebhookAddresses.Problem("https://user:secret@hooks.example.com/", Defaults));
    }

    [Fact]
    public void An_allowed_network_opens_only_itself()
    {
        var options = new ReportsOptions { AllowedWebhookNetworks = ["10.1.0.0/16"] };

        Assert.Null(WebhookAddresses.Problem("https://10.1.2.3/hook", options));
        Assert.NotNull(WebhookAddresses.Problem("https://10.2.0.1/hook", options));
        Assert.NotNull(WebhookAddresses.Problem("https://127.0.0.1/hook", options));
        Assert.Null(new ReportsOptions { AllowedWebhookNetworks = ["10.1.0.0/16"] }.Problem());
        Assert.Contains("'ten.0.0.0/8'", new ReportsOptions { AllowedWebhookNetworks = ["ten.0.0.0/8"] }.Problem());
    }

    [Fact]
    public async Task A_name_that_resolves_to_an_internal_address_is_refused_when_dialled()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            await Assert.ThrowsAsync<WebhookRefusedException>(() => WebhookConnector.ConnectAsync("localhost", port, [], default).AsTask());
            await using var allowed = await WebhookConnector.ConnectAsync("localhost", port, [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")], default);
            Assert.True(allowed.CanWrite);
        }
        finally
        {
            listener.Stop();
        }
    }
}
