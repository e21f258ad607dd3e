using Dislocate.Contracts;
using Dislocate.Synthetic.Commands;
using Dislocate.Synthetic.Streaming;

namespace Dislocate.Synthetic;

/// <summary>The <c>synthetic</c> plugin: the paper's parametric generator of synthetic TEM dislocation images and masks.</summary>
public sealed class SyntheticPlugin : IPlugin
{
    /// <summary>The plugin's own version; equals <c>version</c> in plugin.json and is written into every JSON it makes.</summary>
    public const string Version = "0.1.0";

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
