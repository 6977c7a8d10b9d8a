namespace Activity.Testing;

/// <summary>Where the silo executable the tests start was built: beside the tests, same configuration.</summary>
public static class SiloBuild
{
    /// <summary>The repository's root (the folder of Activity.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The silo project's folder: its appsettings.json is the processes' content root.</summary>
    public static string ContentRoot => Path.Combine(Root, "src", "Activity.Silo");

    /// <summary>The built silo.</summary>
    public static string Dll
    {
        get
        {
            // The tests' own output folder says the configuration: .../bin/Debug/net10.0/.
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(ContentRoot, "bin", framework.Parent!.Name, framework.Name, "Activity.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The silo is not built at {path}; build the solution first.", path);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Activity.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Activity.sln above {AppContext.BaseDirectory}.");
    }
}
