namespace Dislocate.Core.Tests.Plotting;

/// <summary>artifacts/test-output under the repository root: where tests leave images worth looking at.</summary>
internal static class TestOutput
{
    public static string Folder => Directory.CreateDirectory(Path.Combine(FindRoot(), "artifacts", "test-output")).FullName;

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
