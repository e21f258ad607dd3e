using Dislocate.Contracts;
using Dislocate.Hosting;
using Dislocate.Hosting.Plugins;

namespace Dislocate.ImageJ.Tests.Fixtures;

/// <summary>One headless ImageJ per test process (a process can host only one JVM), with the synthetic, track and test plugins, and the Java test classes (BridgeProbe) on its class path.</summary>
public sealed class ImageJFixture
{
    public ImageJFixture()
    {
        var catalog = PluginCatalog.Load(Layout.PluginsRoot);
        var synthetic = catalog.Plugins.Single(p => p.Manifest.Id == "synthetic");
        var track = catalog.Plugins.Single(p => p.Manifest.Id == "track");
        var testing = new LoadedPlugin(new PluginManifest("testing", "Bridge tests", new Version(1, 0), "none", HostApi.Current), AppContext.BaseDirectory, new TestPlugin());
        this.Registry = new CommandRegistry([synthetic, track, testing]);
        this.Session = ImageJSession.Start(
            new ImageJSettings(Headless: true, ImageJSettings.DebianIjJar, null, null, Path.Combine(Layout.Dislocate, "ij", "dislocate_bridge.jar"), ExtraClassPath: [JavaTestClasses.Folder]),
            this.Registry,
            Path.GetTempPath());
    }

    public ImageJSession Session { get; }

    public CommandRegistry Registry { get; }
}

[CollectionDefinition(Name)]
public sealed class ImageJGroup : ICollectionFixture<ImageJFixture>
{
    public const string Name = "ImageJ";
}
