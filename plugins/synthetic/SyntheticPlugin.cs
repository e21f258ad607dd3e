using Dislocate.Contracts;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Synthetic;

/// <summary>The <c>synthetic</c> plugin: the paper's parametric generator of synthetic TEM dislocation images and masks.</summary>
public sealed class SyntheticPlugin : IPlugin
{
    /// <summary>The plugin's own version, written into every JSON it makes: "version" in plugin.json, the one place to change it (the build gives it to the assembly; plugins/Directory.Build.props).</summary>
    public static string Version { get; } = Dislocate.Core.Runtime.AssemblyVersion.Of(typeof(SyntheticPlugin).Assembly);

    /// <inheritdoc/>
    public string Id => "synthetic";

    /// <inheritdoc/>
    public string DisplayName => "Synthetic TEM dislocation images";

    /// <inheritdoc/>
    public IReadOnlyList<IPluginCommand> Commands { get; } =
    [
        new GenerateCommand(),
        new PreviewCommand(),
        new ReplayCommand(),
        new FitCommand(),
        new TwinCommand(),
        new StackCommand(),
        new OverlayCommand(),
    ];

    /// <summary>Offers the generator to other plugins: training streams synthetic images through it.</summary>
    public IReadOnlyList<object> Services { get; } = [new SyntheticSampleProvider()];
}
