namespace Dislocate.Segment.Tests.Plugin;

public sealed class SegmentPluginTests
{
    [Fact]
    public void Manifest_version_is_the_plugin_version()
    {
        // Read from the source tree: this test folder also receives the synthetic plugin's plugin.json.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Plugins.sln")))
        {
            root = root.Parent!;
        }

        var manifest = File.ReadAllText(Path.Combine(root.FullName, "plugins", "segment", "plugin.json"));
        Assert.Contains($"\"version\": \"{SegmentPlugin.Version}\"", manifest, StringComparison.Ordinal);
    }
}
