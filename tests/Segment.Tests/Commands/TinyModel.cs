using Dislocate.Contracts;
using Dislocate.Core.IO;
using Dislocate.Core.Jobs;
using Dislocate.Hosting.Parameters;
using Dislocate.Segment.Commands;
using Dislocate.Segment.Model;
using Dislocate.Segment.Tests.Training;
using Dislocate.Synthetic.Dataset;
using Dislocate.Synthetic.Streaming;
using TorchSharp;

namespace Dislocate.Segment.Tests.Commands;

/// <summary>
/// Tiny untrained models saved as model files, and tiny synthetic inputs, for the command tests: a ResNet-18 UNet++
/// with 4 outputs and a ×0.25 decoder at tile size 64, built after <c>torch.manual_seed</c> so each seed gives the same
/// weights. One temporary folder per fixture, deleted with it.
/// </summary>
public sealed class TinyModel : IDisposable
{
    /// <summary>Side of the tiny images and of the model's tile.</summary>
    public const int Size = 64;

    private readonly Dictionary<long, string> models = [];

    /// <summary>The architecture of every tiny model.</summary>
    public static ModelSpec Spec { get; } = new(EncoderKind.ResNet18, Outputs: 4, DecoderScale: 0.25);

    /// <summary>The fixture's temporary folder.</summary>
    public string Folder { get; } = TempFolder.Create();

    /// <summary>The model file of <paramref name="seed"/>, written on first use as <c>seed-&lt;seed&gt;/model.dislocate</c>.</summary>
    public string Path(long seed = 1)
    {
        lock (this.models)
        {
            if (!this.models.TryGetValue(seed, out var path))
            {
                path = System.IO.Path.Combine(this.Folder, $"seed-{seed}", "model" + ModelFile.Extension);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                torch.manual_seed(seed);
                using var model = new UNetPlusPlus(Spec);
                var training = new Dictionary<string, string> { ["note"] = "untrained test model", ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                ModelFile.Save(path, model, new ModelMetadata(Spec, InputNormalisation.Default, Size, training, SegmentPlugin.Version));
                this.models[seed] = path;
            }

            return path;
        }
    }

    /// <summary>Synthetic 64×64 images with 1–3 dislocations as 8-bit planes (samples <paramref name="first"/>… of a fixed stream).</summary>
    public static byte[][] Frames(int count, long first = 0)
    {
        var source = new SyntheticSampleSource(TinySynthetic.Settings, 21);
        return source.Enumerate(first, count)
            .Select(s => s.Image.Pixels.Select(v => (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255)).ToArray())
            .ToArray();
    }

    /// <summary>Writes <paramref name="frames"/> as one multi-page 8-bit TIFF.</summary>
    public static string WriteTiff(string path, byte[][] frames)
    {
        TiffStackWriter.Write(path, frames.Select(f => (ReadOnlyMemory<byte>)f).ToList(), Size, Size);
        return path;
    }

    /// <summary>Writes <paramref name="frames"/> as 8-bit PNGs frame_1.png, frame_2.png, … into <paramref name="folder"/>.</summary>
    public static string WritePngs(string folder, byte[][] frames)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < frames.Length; i++)
        {
            using var stream = File.Create(System.IO.Path.Combine(folder, $"frame_{i + 1}.png"));
            PngEncoder.WriteGray8(stream, frames[i], Size, Size);
        }

        return folder;
    }

    /// <summary>Writes a dataset folder of <paramref name="count"/> 64×64 samples, all in its test split, as <c>synthetic generate</c> does.</summary>
    public static string WriteDataset(string folder, int count, ulong seed)
    {
        var options = new DatasetOptions(folder, count, 0, seed, ImageFormat.Png8, MaskFormat.Tiff, false, Shard.All, 1);
        DatasetWriter.Write(TinySynthetic.Settings, options, null, CancellationToken.None);
        return folder;
    }

    /// <inheritdoc/>
    /// <summary>
    /// Runs <c>segment run</c> with the seed-1 model and <paramref name="options"/>, paths relative to
    /// <paramref name="root"/>. An untrained model's masks are broad; lifting the area and piece limits keeps enough of
    /// them to check the files.
    /// </summary>
    public async Task<CommandResult> SegmentRun(string root, params (string Key, string Value)[] options)
    {
        var command = new RunCommand();
        var raw = new Dictionary<string, string> { ["model"] = this.Path(1), ["overlap"] = "16", ["threads"] = "2", ["area"] = "1", ["pieces"] = "1000" };
        foreach (var (key, value) in options)
        {
            raw[key] = value;
        }

        return await command.ExecuteAsync(ParameterBinder.Bind(command.Descriptor, raw, root), CommandContext.Silent());
    }

    public void Dispose() => Directory.Delete(this.Folder, recursive: true);
}
