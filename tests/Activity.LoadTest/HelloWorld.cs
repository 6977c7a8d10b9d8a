namespace Activity.LoadTest;

/// <summary>The yardstick: the smallest Kestrel endpoint, measured in the same run as the silo.</summary>
internal static class HelloWorld
{
    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => "Hello World!");
        app.Run();
        return 0;
    }
}
