namespace Dislocate.ImageJ.Tests;

/// <summary>
/// The Java side's own tests (ij-bridge/java/test, a plain main with checks: no JUnit here): protocol escapes, option
/// strings read back by ImageJ's macro parser, describe and result parsing. Compiled against Debian's ImageJ and run.
/// </summary>
public sealed class JavaSideTests
{
    [Fact]
    public void TheBridgesJavaChecks_Pass()
    {
        var work = Layout.TempFolder();
        try
        {
            var java = Path.Combine(Layout.RepoRoot, "ij-bridge", "java");
            var sources = Directory.GetFiles(Path.Combine(java, "src"), "*.java", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Path.Combine(java, "test"), "*.java", SearchOption.AllDirectories))
                .Order(StringComparer.Ordinal);
            var classpath = $"{work}:{ImageJSettings.DebianIjJar}";
            var (code, output, error) = ProcessRunner.RunProgram("javac", ["--release", "8", "-encoding", "UTF-8", "-Xlint:-options", "-d", work, "-cp", ImageJSettings.DebianIjJar, .. sources], null, TimeSpan.FromMinutes(3));
            Assert.True(code == 0, $"javac failed: {output}{error}");

            (code, output, error) = ProcessRunner.RunProgram("java", ["-Djava.awt.headless=true", "-cp", classpath, "dislocate.bridge.BridgeSelfTest"], null, TimeSpan.FromMinutes(1));
            Assert.True(code == 0, output + error);
            Assert.Matches(@"^\d+ checks passed", output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
