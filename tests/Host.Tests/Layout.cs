namespace Dislocate.Host.Tests;

/// <summary>Paths of the built runnable layout (artifacts/dislocate) that the CLI and loader tests use.</summary>
internal static class Layout
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The layout of this test build's configuration (Debug builds have their own, see Directory.Build.props).</summary>
#if DEBUG
    public static string PluginsRoot => Path.Combine(RepoRoot, "artifacts", "dislocate-debug", "plugins");
#else
    public static string PluginsRoot => Path.Combine(RepoRoot, "artifacts", "dislocate", "plugins");
#endif


    public static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

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
