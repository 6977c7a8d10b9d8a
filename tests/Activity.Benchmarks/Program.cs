using Activity.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Activity.Benchmarks -- calls     BenchmarkDotNet: grain call cost and throughput
// dotnet run -c Release --project tests/Activity.Benchmarks -- memory    bytes per idle activation
switch (args.FirstOrDefault())
{
    case "memory":
        await IdleActivationCost.RunAsync(count: 200_000);
        break;
    case "calls":
        BenchmarkRunner.Run<GrainCallBenchmarks>(args: args[1..]);
        break;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/Activity.Benchmarks -- calls|memory [BenchmarkDotNet options]");
        return 1;
}

return 0;
