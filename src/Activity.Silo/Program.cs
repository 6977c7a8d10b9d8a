using Activity.Silo.Demo;
using Activity.Silo.Hosting;

var builder = WebApplication.CreateBuilder(DemoOptions.Arguments(args));
builder.AddActivitySilo();

var app = builder.Build();
app.MapActivitySilo();
app.Run();

/// <summary>The silo executable; public so integration tests can host it.</summary>
public partial class Program;
