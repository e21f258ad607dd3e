namespace Dislocate.ImageJ.Tests.Fixtures;

/// <summary>
/// The bridge's Java sources and its Java test sources (ij-bridge/java/test: the Java-side checks and the JNI probe),
/// compiled once per test process against Debian's ImageJ into a class folder.
/// </summary>
internal static class JavaTestClasses
{
    private static readonly Lazy<string> Compiled = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The class folder (compiles on first use; a javac failure is an exception with its output).</summary>
    public static string Folder => Compiled.Value;

    private static string Compile()
    {
        var folder = TempFolder.Create();
        var java = Path.Combine(Layout.RepoRoot, "ij-bridge", "java");
        var sources = Directory.GetFiles(Path.Combine(java, "src"), "*.java", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(java, "test"), "*.java", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        var (code, output, error) = ProcessRunner.RunProgram("javac", ["--release", "8", "-encoding", "UTF-8", "-Xlint:-options", "-d", folder, "-cp", ImageJSettings.DebianIjJar, .. sources], null, TimeSpan.FromMinutes(3));
        return code == 0 ? folder : throw new InvalidOperationException($"javac failed: {output}{error}");
    }
}
