using Dislocate.Cli;
using Dislocate.Contracts;
using Dislocate.Hosting;
using Dislocate.Hosting.Plugins;

namespace Dislocate.Host.Tests.Plugins;

/// <summary>Plugins offer one another services through the host: segmentation trains from the generator's sample source.</summary>
public sealed class HostServicesTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    [Fact]
    public void TheSyntheticPlugin_RegistersASampleSource_ThatRendersTheGeneratorsImages()
    {
        var registry = new CommandRegistry(PluginCatalog.Load(Layout.PluginsRoot).Plugins);

        var provider = registry.Services.Find<ISampleSourceProvider>();

        Assert.NotNull(provider);
        Assert.StartsWith("synthetic ", provider.Description, StringComparison.Ordinal);
        var source = provider.Open(null, seed: 3);
        var image = source.Render(0);
        Assert.Equal((source.Width, source.Height), (image.Width, image.Height));
        Assert.Equal(image.Width * image.Height, image.Pixels.Length);
        Assert.NotEmpty(image.Masks);
        Assert.All(image.Masks, m => Assert.Equal(image.Pixels.Length, m.Length));
        Assert.Equal(image.Pixels, provider.Open(null, seed: 3).Render(0).Pixels);
        Assert.Contains("M2 defaults", source.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSegmentPlugin_DoesNotLinkTheGenerator_SoEachPluginKeepsItsOwnVersion()
    {
        var segment = PluginCatalog.Load(Layout.PluginsRoot).Plugins.Single(p => p.Manifest.Id == "segment");

        var references = segment.Plugin.GetType().Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain("Dislocate.Synthetic", references);
        Assert.Contains("Dislocate.Contracts", references);
    }

    [Fact]
    public void Find_TakesTheFirstServiceOfAType_AndRequire_NamesThePluginThatIsMissing()
    {
        var first = new object[] { "text", 1, "second" };
        var services = new HostServices(first);

        Assert.Equal("text", services.Find<string>());
        Assert.Null(services.Find<ISampleSourceProvider>());
        var e = Assert.Throws<CommandException>(() => services.Require<ISampleSourceProvider>("synthetic training images", "synthetic"));
        Assert.Contains("'synthetic' plugin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainingWithoutTheSyntheticPlugin_FailsWithAMessage_NotACrash()
    {
        // The segment plugin alone, linked rather than copied (libtorch is half a gigabyte).
        var from = Path.Combine(Layout.PluginsRoot, "segment");
        var to = Directory.CreateDirectory(Path.Combine(this.scratch.Path, "segment")).FullName;
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            File.CreateSymbolicLink(Path.Combine(to, Path.GetFileName(entry)), entry);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApplication.RunAsync(
            ["segment", "train", "--out", Path.Combine(this.scratch.Path, "run"), "--crop", "64", "--epochs", "1", "--steps", "1", "--plugins", this.scratch.Path, "--quiet"], output, error);

        Assert.Equal(1, code);
        Assert.Contains("needs synthetic training images, which the 'synthetic' plugin provides", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(this.scratch.Path, "run", "model.dislocate")));
    }
}
