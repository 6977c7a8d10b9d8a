using Activity.LoadTest;

// Run by tests/load/run.sh; by hand:
//   dotnet run -c Release --project tests/Activity.LoadTest -- hello --urls http://127.0.0.1:5100
//   dotnet run -c Release --project tests/Activity.LoadTest -- sse-latency <emit silo url> <stream silo url> <api key> 2000 [pause ms]
//   dotnet run -c Release --project tests/Activity.LoadTest -- audit-lag <silo url> <api key> <probes>
// Run by tests/load/dashboards.sh:
//   dotnet run -c Release --project tests/Activity.LoadTest -- dashboards <silo url> <api key> <postgres connection string> <tenant id> [users]
return args.FirstOrDefault() switch
{
    "hello" => HelloWorld.Run(args[1..]),
    "dashboards" when args.Length is 5 or 6 => await DashboardReads.RunAsync(new Uri(args[1]), args[2], args[3], args[4], args.Length == 6 ? Number(args[5]) : 10_000),
    "audit-lag" when args.Length is 4 => await AuditLag.RunAsync(new Uri(args[1]), args[2], Number(args[3])),
    "sse-latency" when args.Length is 5 or 6 => await SseLatency.RunAsync(new Uri(args[1]), new Uri(args[2]), args[3], Number(args[4]), TimeSpan.FromMilliseconds(args.Length == 6 ? Number(args[5]) : 0)),
    _ => Usage(),
};

static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: hello [--urls ...] | sse-latency <emit silo url> <stream silo url> <tenant api key> <count> [pause between emits, ms] | audit-lag <silo url> <tenant api key> <probes> | dashboards <silo url> <tenant api key> <postgres connection string> <tenant id> [users]");
    return 2;
}
