using Activity.LoadTest;

// Run by tests/load/run.sh; by hand:
//   dotnet run -c Release --project tests/Activity.LoadTest -- hello --urls http://127.0.0.1:5100
//   dotnet run -c Release --project tests/Activity.LoadTest -- sse-latency http://127.0.0.1:5000 <api key> 2000
return args.FirstOrDefault() switch
{
    "hello" => HelloWorld.Run(args[1..]),
    "sse-latency" when args.Length == 4 => await SseLatency.RunAsync(new Uri(args[1]), args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: hello [--urls ...] | sse-latency <silo url> <tenant api key> <count>");
    return 2;
}
