using Activity.Benchmarks;

// dotnet run -c Release --project tests/Activity.Benchmarks -- calls [count]   grain calls/s, local and cross-silo
switch (args.FirstOrDefault())
{
    case "calls":
        await GrainCalls.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
        break;
    default:
        Console.WriteLine("usage: dotnet run -c Release --project tests/Activity.Benchmarks -- calls [count]");
        return 1;
}

return 0;
