using Dislocate.Contracts;
using Dislocate.Hosting.Plugins;

namespace Dislocate.Host.Tests.Plugins;

public sealed class PluginCatalogTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => this.scratch.Dispose();

    private void AddSynthetic() => Layout.CopyFolder(Path.Combine(Layout.PluginsRoot, "synthetic"), Path.Combine(this.scratch.Path, "synthetic"));

    private void AddManifest(string folder, string json, byte[]? assembly = null)
    {
        var dir = Path.Combine(this.scratch.Path, folder);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "plugin.json"), json);
        if (assembly is not null)
        {
            File.WriteAllBytes(Path.Combine(dir, "Broken.dll"), assembly);
        }
    }

    [Fact]
    public void EveryBuiltPlugin_Loads_SoItsMacroKeysFollowImageJsRecorder()
    {
        var catalog = PluginCatalog.Load(Layout.PluginsRoot);

        Assert.Empty(catalog.Failures);
        Assert.Equal(["segment", "synthetic", "track"], catalog.Plugins.Select(p => p.Manifest.Id));
    }

    [Fact]
    public void ImageJKey_IsWhatTheRecorderMakesOfAKey_SoAKeyMustBeOneLowerCaseWord()
    {
        Assert.Equal("min-pixels", PluginCatalog.ImageJKey("min-pixels"));
        Assert.Equal("gate", PluginCatalog.ImageJKey("Gate size:"));
        Assert.Equal("gate", PluginCatalog.ImageJKey("gate: (px)"));
    }

    [Fact]
    public void RecorderConflict_NamesAKeyWhoseAssignmentOccursInAnEarlierKey()
    {
        ParameterSpec Real(string key) => Parameter.Real(key, key, 0, 0, 1, "x");

        Assert.Null(PluginCatalog.RecorderConflict([Real("contrast"), Real("trace_contrast")]));
        Assert.Equal(
            "macro key 'contrast' follows 'trace_contrast', in which ImageJ's recorder would find 'contrast=' already",
            PluginCatalog.RecorderConflict([Real("trace_contrast"), Real("contrast")]));
    }

    [Fact]
    public void LoadsTheSyntheticPlugin_WithItsCommands()
    {
        this.AddSynthetic();
        var catalog = PluginCatalog.Load(this.scratch.Path);
        Assert.Empty(catalog.Failures);
        var p = Assert.Single(catalog.Plugins);
        Assert.Equal("synthetic", p.Manifest.Id);
        Assert.Equal(new Version(0, 1, 0), p.Manifest.Version);
        Assert.Equal(["generate", "preview", "replay", "fit", "twin", "stack", "overlay"], p.Plugin.Commands.Select(c => c.Descriptor.Id));
    }

    [Fact]
    public void IncompatibleBrokenAndMalformedPlugins_AreRefused_AndTheOthersStillLoad()
    {
        this.AddSynthetic();
        this.AddManifest("future", """{"id": "future", "version": "1.0.0", "assembly": "Future.dll", "minHostApi": "2.0"}""");
        this.AddManifest("broken", """{"id": "broken", "version": "1.0.0", "assembly": "Broken.dll", "minHostApi": "1.0"}""", [0x4d, 0x5a, 1, 2, 3]);
        this.AddManifest("malformed", """{"id": "malformed", "version": "one", "assembly": "X.dll", "minHostApi": "1.0"}""");
        this.AddManifest("missing", """{"id": "missing", "version": "1.0.0", "assembly": "Missing.dll", "minHostApi": "1.0"}""");
        Directory.CreateDirectory(Path.Combine(this.scratch.Path, "empty"));

        var catalog = PluginCatalog.Load(this.scratch.Path);
        Assert.Equal("synthetic", Assert.Single(catalog.Plugins).Manifest.Id);
        string Reason(string folder) => Assert.Single(catalog.Failures, f => f.Folder.EndsWith(folder, StringComparison.Ordinal)).Reason;
        Assert.Contains($"needs host API 2.0, this host has {Contracts.HostApi.Current}", Reason("future"), StringComparison.Ordinal);
        Assert.Contains("'Broken.dll' could not be loaded", Reason("broken"), StringComparison.Ordinal);
        Assert.Contains("field 'version': 'one' is not a version", Reason("malformed"), StringComparison.Ordinal);
        Assert.Contains("'Missing.dll' named in plugin.json is missing", Reason("missing"), StringComparison.Ordinal);
        Assert.Contains("no plugin.json", Reason("empty"), StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestIdMustMatchThePlugin()
    {
        this.AddSynthetic();
        var manifest = Path.Combine(this.scratch.Path, "synthetic", "plugin.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"id\": \"synthetic\"", "\"id\": \"other\"", StringComparison.Ordinal));
        var catalog = PluginCatalog.Load(this.scratch.Path);
        Assert.Empty(catalog.Plugins);
        Assert.Contains("manifest id 'other' differs from the plugin's id 'synthetic'", catalog.Failures[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRoot_IsAFailure_NotACrash()
    {
        var catalog = PluginCatalog.Load(Path.Combine(this.scratch.Path, "nope"));
        Assert.Empty(catalog.Plugins);
        Assert.Contains("does not exist", Assert.Single(catalog.Failures).Reason, StringComparison.Ordinal);
    }
}
