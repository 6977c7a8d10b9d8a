using Activity.LoadTest;

// Run by tests/load/run.sh; by hand:
//   dotnet run -c Release --project tests/Activity.LoadTest -- hello --urls http://127.0.0.1:5100
//   dotnet run -c Release --project tests/Activity.LoadTest -- sse-latency http://127.0.0.1:5000 <api key> 2000 [pause ms]
return args.FirstOrDefault() switch
{
    "hello" => HelloWorld.Run(args[1..]),
    "sse-latency" when args.Length is 4 or 5 => await SseLatency.RunAsync(new Uri(args[1]), args[2], Number(args[3]), TimeSpan.FromMilliseconds(args.Length == 5 ? Number(args[4]) : 0)),
    _ => Usage(),
};

static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: hello [--urls ...] | sse-latency <silo url> <tenant api key> <count> [pause between emits, ms]");
    return 2;
}
