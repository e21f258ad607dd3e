using Dislocate.ImageJ.Tests.Fixtures;

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
        var classpath = $"{JavaTestClasses.Folder}:{ImageJSettings.DebianIjJar}";
        var (code, output, error) = ProcessRunner.RunProgram("java", ["-Djava.awt.headless=true", "-cp", classpath, "dislocate.bridge.BridgeSelfTest"], null, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output + error);
        Assert.Matches(@"^\d+ checks passed", output);
    }
}
