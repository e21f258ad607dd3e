using Dislocate.Contracts;

namespace Dislocate.ImageJ.Tests.Fixtures;

/// <summary>Commands that exist only for the bridge tests: an image echo and a command that fails like a bug would.</summary>
public sealed class TestPlugin : IPlugin
{
    public string Id => "testing";

    public string DisplayName => "Bridge test commands";

    public IReadOnlyList<IPluginCommand> Commands { get; } = [new EchoImage(), new Faulty()];

    /// <summary>Returns the input stack unchanged (plus 0.5 when asked), with a table of its size.</summary>
    private sealed class EchoImage : IPluginCommand
    {
        private static readonly ParameterSpec<ImageData> Image = Parameter.Image("image", "image", "The image.");
        private static readonly ParameterSpec<double> Add = Parameter.Real("add", "add (value)", 0, -1e6, 1e6, "Added to every pixel.");
        private static readonly ParameterSpec<bool> Table = Parameter.Flag("table", "table (of sizes)", false, "Also return a table.");

        public CommandDescriptor Descriptor { get; } = new(
            "echo",
            "Echo Image",
            "Testing",
            "Return the current image unchanged.",
            [
                Image,
                Add,
                Table,
            ]);

        public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
        {
            var image = parameters.Get(Image);
            var add = (float)parameters.Get(Add);
            var planes = image.Planes.Select(p => p.Select(v => v + add).ToArray()).ToList();
            var outputs = new List<CommandOutput>
            {
                new ImageStackOutput("echo of " + image.Title, image.Width, image.Height, image.Channels, image.Slices, image.Frames, planes, 32,
                    [new PolylineRoi("line", [1.5f, 10.25f, 20f], [2f, 3.5f, 30f], Frame: 1)]),
            };
            if (parameters.Get(Table))
            {
                outputs.Add(new TableOutput("Results", ["width", "height", "planes", "unit", "pixel_width"], [[image.Width, image.Height, image.PlaneCount, image.Unit, image.PixelWidth]]));
            }

            return Task.FromResult(new CommandResult($"echoed {image.PlaneCount} planes", outputs));
        }
    }

    /// <summary>Throws an unexpected .NET exception, as a bug in a plugin would.</summary>
    private sealed class Faulty : IPluginCommand
    {
        public CommandDescriptor Descriptor { get; } = new("faulty", "Faulty Command", "Testing", "Always fails with a .NET exception.", []);

        public Task<CommandResult> ExecuteAsync(ParameterValues parameters, CommandContext context)
        {
            string? nothing = null;
            return Task.FromResult(CommandResult.Of(nothing!.Trim()));
        }
    }
}
