using Activity.Benchmarks;

// dotnet run -c Release --project tests/Activity.Benchmarks -- calls [count]             grain calls/s, local and cross-silo
// dotnet run -c Release --project tests/Activity.Benchmarks -- dashboard-memory [users]   memory of active dashboard grains
// dotnet run -c Release --project tests/Activity.Benchmarks -- dashboard-state [users]    memory of their state alone (no grains)
// dotnet run -c Release --project tests/Activity.Benchmarks -- emit-parsing [rounds]     reading an emit's body: its own reader vs records
// dotnet run -c Release --project tests/Activity.Benchmarks -- rate-limiter [rounds]     the emit's rate limit, per request
// dotnet run -c Release --project tests/Activity.Benchmarks -- emit-telemetry [rounds]   Activity's instruments, per single-event emit
var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
switch (args.FirstOrDefault())
{
    case "calls":
        await GrainCalls.RunAsync(count ?? 200_000);
        break;
    case "dashboard-memory":
        await DashboardMemory.RunAsync(count ?? 100_000);
        break;
    case "dashboard-state":
        DashboardMemory.RunState(count ?? 100_000);
        break;
    case "emit-parsing":
        EmitParsing.Run(count ?? 200_000);
        break;
    case "rate-limiter":
        RateLimiting.Run(count ?? 5_000_000);
        break;
    case "emit-telemetry":
        EmitTelemetry.Run(count ?? 5_000_000);
        break;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/Activity.Benchmarks -- calls [count] | dashboard-memory [users] | dashboard-state [users] | emit-parsing [rounds] | rate-limiter [rounds] | emit-telemetry [rounds]");
        return 1;
}

return 0;
