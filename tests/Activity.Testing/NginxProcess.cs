using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Activity.Testing;

/// <summary>
/// nginx in front of silo processes with the routes deploy/nginx/locations.conf gives the compose and
/// deploy/cluster.sh clusters: round robin, SSE unbuffered, and a request a silo could not take
/// (refused connection, 502, 503) passed to the next silo.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private NginxProcess(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Where nginx listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts nginx (installed by tests/run.sh) in front of <paramref name="silos"/>.</summary>
    public static async Task<NginxProcess> StartAsync(IEnumerable<SiloProcess> silos)
    {
        var prefix = Directory.CreateTempSubdirectory("activity-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // nginx's workers run as an unprivileged user when it is started as root: let them write temp files.
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_111_111);
        }
        var port = FreePorts.Next();
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(prefix, port, silos));
        var start = new ProcessStartInfo("nginx") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", prefix, "-c", config, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var nginx = new NginxProcess(process, prefix, port);

        // nginx says nothing when it is up: it is up once its port answers (a few ms after start).
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await http.GetAsync(new Uri(nginx.BaseAddress, "/health/live"));
                return nginx;
            }
            catch (HttpRequestException) when (attempt < 100 && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }

    private static string Config(string prefix, int port, IEnumerable<SiloProcess> silos)
    {
        var upstream = new StringBuilder();
        foreach (var silo in silos)
        {
            upstream.Append(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{silo.HttpPort} max_fails=1 fail_timeout=5s;\n");
        }

        return $$"""
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                upstream silos {
            {{upstream}}    }
                server {
                    listen 127.0.0.1:{{port}};
                    include {{Path.Combine(SiloBuild.Root, "deploy", "nginx", "locations.conf")}};
                }
            }
            """;
    }
}
