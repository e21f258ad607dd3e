namespace Dislocate.ImageJ.Jni;

/// <summary>
/// Finds <c>libjvm.so</c>: an explicit Java home, then <c>JAVA_HOME</c>, then a Fiji installation's bundled Java,
/// then the system's (<c>/usr/lib/jvm/default-java</c>, the <c>java</c> on PATH, any <c>/usr/lib/jvm/*</c>).
/// </summary>
public static class JavaLocator
{
    /// <summary>Returns the path of libjvm.so, or throws <see cref="InvalidOperationException"/> listing where it looked.</summary>
    public static string FindLibJvm(string? javaHome = null, string? fijiApp = null)
    {
        var looked = new List<string>();
        foreach (var home in Candidates(javaHome, fijiApp))
        {
            foreach (var rel in new[] { "lib/server/libjvm.so", "jre/lib/server/libjvm.so", "jre/lib/amd64/server/libjvm.so", "lib/amd64/server/libjvm.so" })
            {
                var path = Path.Combine(home, rel);
                if (File.Exists(path))
                {
                    return path;
                }
            }

            looked.Add(home);
        }

        throw new InvalidOperationException(
            "No Java runtime found (libjvm.so). Install a JDK/JRE 8 or newer (scripts/setup.sh installs openjdk-17-jdk-headless) " +
            $"or set JAVA_HOME. Looked in: {(looked.Count == 0 ? "(nothing)" : string.Join(", ", looked))}.");
    }

    private static IEnumerable<string> Candidates(string? javaHome, string? fijiApp)
    {
        if (!string.IsNullOrEmpty(javaHome))
        {
            yield return javaHome;
        }

        if (Environment.GetEnvironmentVariable("JAVA_HOME") is { Length: > 0 } env)
        {
            yield return env;
        }

        if (!string.IsNullOrEmpty(fijiApp))
        {
            // Fiji bundles its Java as java/linux64/<jdk>/ (older) or java/linux-x64/ (newer).
            foreach (var platform in new[] { "linux64", "linux-x64", "linux" })
            {
                var dir = Path.Combine(fijiApp, "java", platform);
                if (Directory.Exists(dir))
                {
                    yield return dir;
                    foreach (var sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
                    {
                        yield return sub;
                    }
                }
            }
        }

        yield return "/usr/lib/jvm/default-java";
        var onPath = Environment.GetEnvironmentVariable("PATH")?.Split(':')
            .Select(d => Path.Combine(d, "java"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            var real = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
            var home = Path.GetDirectoryName(Path.GetDirectoryName(real));
            if (home is not null)
            {
                yield return home;
            }
        }

        if (Directory.Exists("/usr/lib/jvm"))
        {
            foreach (var dir in Directory.GetDirectories("/usr/lib/jvm").Order(StringComparer.Ordinal))
            {
                yield return dir;
            }
        }
    }
}
