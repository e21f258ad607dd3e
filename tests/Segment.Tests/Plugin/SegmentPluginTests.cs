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

    [Fact]
    public void No_macro_key_occurs_in_an_earlier_key_and_labels_start_with_their_key()
    {
        // ImageJ's recorder refuses a key whose "key=" already occurs in the options recorded so far, and records the
        // first word of a dialog label as the key.
        foreach (var command in new SegmentPlugin().Commands)
        {
            var keys = command.Descriptor.Parameters.Select(p => p.Key + "=").ToList();
            for (var j = 0; j < keys.Count; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    Assert.False(keys[i].Contains(keys[j], StringComparison.Ordinal), $"{command.Descriptor.Id}: '{keys[j]}' occurs in the earlier '{keys[i]}'");
                }
            }

            foreach (var p in command.Descriptor.Parameters)
            {
                Assert.Equal(p.Key, p.Label.Split(' ')[0].ToLowerInvariant());
            }
        }
    }
}
