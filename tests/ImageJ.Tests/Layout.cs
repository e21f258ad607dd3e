namespace Dislocate.ImageJ.Tests;

/// <summary>Paths of the runnable layout (artifacts/dislocate) built before the tests.</summary>
internal static class Layout
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The layout of this test build's configuration (Debug builds have their own, see Directory.Build.props).</summary>
#if DEBUG
    public static string Dislocate => Path.Combine(RepoRoot, "artifacts", "dislocate-debug");
#else
    public static string Dislocate => Path.Combine(RepoRoot, "artifacts", "dislocate");
#endif

    public static string PluginsRoot => Path.Combine(Dislocate, "plugins");

    public static string Cli => Path.Combine(Dislocate, "dislocate");

    /// <summary>Where tests leave artefacts worth looking at (screenshots).</summary>
    public static string TestOutput => Directory.CreateDirectory(Path.Combine(RepoRoot, "artifacts", "test-output")).FullName;


    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Plugins.sln not found above the test folder.");
    }
}
