using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Activity.Testing;

/// <summary>
/// A silo as its own process: the real Activity.Silo executable (built with the tests), on loopback
/// ports of its own, on a test database. Kill it (<c>kill -9</c>), stop it gracefully (SIGTERM), or
/// freeze it (SIGSTOP), as ops would.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<string> _output = [];

    private SiloProcess(string name, Process process, int httpPort, int siloPort, int gatewayPort)
    {
        Name = name;
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>The name the test gave it (shown in failures).</summary>
    public string Name { get; }

    /// <summary>Where its HTTP API listens.</summary>
    public int HttpPort { get; }

    /// <summary>Its Orleans silo-to-silo port.</summary>
    public int SiloPort { get; }

    /// <summary>Its Orleans gateway port.</summary>
    public int GatewayPort { get; }

    /// <summary>Its HTTP base address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>Its Orleans address prefix (<c>127.0.0.1:port@</c>), as <c>/api/admin/cluster</c> lists it.</summary>
    public string AddressPrefix => $"127.0.0.1:{SiloPort}@";

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _exited.Task;

    /// <summary>What it printed so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_gate)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts a silo and returns once it serves HTTP (and so is an active member of its cluster).</summary>
    /// <remarks>A start that lost one of its ports to another process is tried again on new ports.</remarks>
    public static async Task<SiloProcess> StartAsync(string name, string connectionString, IDictionary<string, string?>? settings = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = Launch(name, connectionString, settings);
            var started = await Task.WhenAny(silo._started.Task, silo._exited.Task).WaitAsync(StartPatience);
            if (started == silo._started.Task)
            {
                return silo;
            }

            await silo._process.WaitForExitAsync(); // and for the rest of what it printed
            var output = silo.Output;
            await silo.DisposeAsync();
            if (attempt < 3 && output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            throw new InvalidOperationException($"Silo {name} exited before it started:\n{string.Join('\n', output.TakeLast(40))}");
        }
    }

    private static SiloProcess Launch(string name, string connectionString, IDictionary<string, string?>? settings)
    {
        var (httpPort, siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { SiloBuild.Dll, "--urls", $"http://127.0.0.1:{httpPort}", "--contentRoot", SiloBuild.ContentRoot })
        {
            start.ArgumentList.Add(argument);
        }

        var environment = new Dictionary<string, string?>
        {
            ["Activity__Postgres__ConnectionString"] = connectionString,
            ["Activity__AdminKey"] = SiloFactory.TestAdminKey,
            ["Activity__DrainSecret"] = SiloFactory.TestDrainSecret,
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "false",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, process, httpPort, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.Exited += (_, _) => silo._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary><c>kill -9</c>: the process ends at once, nothing is cleaned up.</summary>
    public Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        return _exited.Task;
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the silo drains and leaves the cluster.</summary>
    public void Terminate() => Signal(15);

    /// <summary>SIGSTOP: the process hangs, its sockets stay open.</summary>
    public void Freeze() => Signal(19);

    /// <summary>SIGCONT: a frozen process goes on.</summary>
    public void Thaw() => Signal(18);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Thaw();
            _process.Kill(entireProcessTree: true);
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (http {HttpPort}, silo {SiloPort}, gateway {GatewayPort})";

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Add(line);
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"Signal {signal} to silo {Name} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
