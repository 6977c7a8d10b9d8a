using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Activity.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Activity.Silo.Tests.Feed;

public sealed partial class SlowClientTests
{
    private const int Events = 300;

    [Fact]
    public async Task A_client_that_stops_reading_is_cut_off_and_resumes_from_its_last_id()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        await using var silo = SiloFactory.OnPostgres(
            database.ConnectionString,
            settings: new Dictionary<string, string?>
            {
                ["Activity:Stream:ClientBuffer"] = "16",
                ["Activity:Stream:WriteTimeout"] = "00:00:01",
            },
            kestrel: true);
        silo.StartServer();
        var tenant = await FeedClient.CreateAsync(silo);

        // A real socket with a small window that reads the response head and then nothing.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync("127.0.0.1", Port(silo));
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /api/activity/stream?access_token={tenant.ApiKey} HTTP/1.0\r\nHost: localhost\r\n\r\n"));
        var received = new StringBuilder();
        while (!received.ToString().Contains("retry: 3000", StringComparison.Ordinal))
        {
            received.Append(await ReceiveAsync(socket));
        }

        // Far more than socket buffers and the subscriber's 16-item buffer hold.
        for (var batch = 0; batch < Events / 50; batch++)
        {
            await tenant.EmitAsync([.. Enumerable.Range(0, 50).Select(i => (object)new { type = $"type{batch}-{i}", actorId = "u1", payload = new { text = new string('x', 8 * 1024) } })]);
            await tenant.DrainAsync();
        }

        // Reading now gets what was buffered, then the end: the silo closed the connection.
        while (await ReceiveAsync(socket) is { Length: > 0 } text)
        {
            received.Append(text);
        }

        var ids = CompleteMessageIds(received.ToString());
        Assert.NotEmpty(ids);
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
        Assert.True(ids.Count < Events, $"the slow client got all {ids.Count} messages");

        await using var resumed = await tenant.StreamAsync(lastEventId: ids[^1]);
        for (var expected = ids[^1] + 1; expected <= Events; expected++)
        {
            Assert.Equal(expected, (await resumed.NextEventAsync()).Id);
        }
    }

    private static int Port(SiloFactory silo) =>
        new Uri(silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    // "" once the peer closed or reset the connection; fails after a long hang guard.
    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return "";
        }
    }

    // Ids of the messages that arrived whole (the connection may end inside one).
    private static List<long> CompleteMessageIds(string text) =>
        [.. CompleteMessage().Matches(text).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"id: (\d+)\nevent: [^\n]+\ndata: [^\n]*\n\n")]
    private static partial Regex CompleteMessage();
}
