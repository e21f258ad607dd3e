namespace Dislocate.ImageJ;

/// <summary>How to start ImageJ: headless or with its window, on which ImageJ installation and Java.</summary>
/// <param name="Headless">No display: macros and commands only.</param>
/// <param name="IjJar">ImageJ 1.x jar (Debian: /usr/share/java/ij.jar); ignored when <paramref name="FijiApp"/> is set.</param>
/// <param name="FijiApp">A Fiji.app folder: its jars/ and plugins/ go on the class path and its bundled Java is preferred.</param>
/// <param name="JavaHome">An explicit Java home, or null to search (JAVA_HOME, Fiji's Java, the system).</param>
/// <param name="BridgeJar">The bridge jar (dislocate_bridge.jar beside the host, in ij/).</param>
/// <param name="MaxHeapMb">JVM heap limit in MiB, or 0 for Java's default.</param>
/// <param name="ExtraClassPath">Jars or class folders put on the class path after the bridge jar (tests' own Java classes).</param>
public sealed record ImageJSettings(bool Headless, string IjJar, string? FijiApp, string? JavaHome, string BridgeJar, int MaxHeapMb = 0, IReadOnlyList<string>? ExtraClassPath = null)
{
    /// <summary>Debian's ImageJ jar.</summary>
    public const string DebianIjJar = "/usr/share/java/ij.jar";

    /// <summary>The bridge jar in the runnable layout.</summary>
    public static string DefaultBridgeJar => Path.Combine(AppContext.BaseDirectory, "ij", "dislocate_bridge.jar");

    /// <summary>
    /// The jar with ImageJ's <c>HandleExtraFileTypes</c> hook for .dm3/.dm4/.ser, put on the class path of a plain
    /// ImageJ (never with <see cref="FijiApp"/>); null or missing: none. Defaults to the one beside the bridge jar.
    /// </summary>
    public string? TemOpenerJar { get; init; } = Path.Combine(Path.GetDirectoryName(BridgeJar) ?? ".", "Dislocate_TEM_Opener.jar");
}
