using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Dislocate.Core.IO;
using Dislocate.Core.Numerics;
using Dislocate.Segment.Model;
using Google.Protobuf;

namespace Dislocate.Segment.Onnx;

/// <summary>
/// Writes a bioimage.io model package (model spec 0.5): rdf.yaml, ONNX weights, test input and output tensors made by
/// the model, a cover image, documentation and the paper's citation, in one zip that deepImageJ, ilastik and BiaPy open.
/// </summary>
/// <remarks>
/// The package's output is the probability map (the ONNX logits with bioimage.io's sigmoid postprocessing); its input
/// is the raw image with the model's own normalisation as preprocessing (per image: zero_mean_unit_variance over x and
/// y, which equals Dislocate's except where an image's standard deviation is below its floor of 0.01; fixed: the fixed
/// variant). Entries carry a fixed timestamp, so the same model gives the same bytes.
/// </remarks>
internal static class BioImageIoPackage
{
    /// <summary>Side of the test image.</summary>
    public const int TestSize = 256;

    /// <summary>The model spec version written.</summary>
    public const string FormatVersion = "0.5.4";

    private const string Citation = "Govind K., Oliveros D., Dlouhy A., Legros M., Sandfeld S. Deep Learning of Crystalline Defects from TEM images: a solution for the problem of 'never enough training data'. Machine Learning: Science and Technology, 2023.";

    private const string CitationDoi = "10.48550/arXiv.2307.06322";

    /// <summary>Writes the package of <paramref name="modelPath"/> to <paramref name="zipPath"/> atomically.</summary>
    /// <param name="modelPath">The .dislocate model.</param>
    /// <param name="zipPath">The package to write.</param>
    /// <param name="license">SPDX licence id of the weights.</param>
    /// <param name="training">The training record to write (the model's, with any entries the user added).</param>
    public static void Write(string modelPath, string zipPath, string license, IReadOnlyDictionary<string, string> training)
    {
        var (metadata, weights) = ModelFile.ReadWeights(modelPath);
        metadata = metadata with { Training = training };
        var onnx = OnnxExporter.Build(metadata, weights).ToByteArray();
        var input = TestImage(TestSize);
        float[] output;
        using (var network = new OnnxTileNetwork(onnx, threads: 1, modelPath))
        {
            var normalised = new float[input.Length];
            metadata.Normalisation.Apply(input, normalised);
            output = new float[network.Outputs * input.Length];
            network.Run(normalised, 1, TestSize, TestSize, output);
        }

        var outputs = output.Length / input.Length;
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["weights.onnx"] = onnx,
            ["test_input.npy"] = NpyFile.Float32(input, 1, 1, TestSize, TestSize),
            ["test_output.npy"] = NpyFile.Float32(output, 1, outputs, TestSize, TestSize),
            ["cover.png"] = Cover(input, output),
        };
        var name = training.GetValueOrDefault("name", Path.GetFileNameWithoutExtension(modelPath));
        files["README.md"] = Encoding.UTF8.GetBytes(Documentation(name, metadata));
        files["rdf.yaml"] = Encoding.UTF8.GetBytes(Rdf(name, metadata, license, outputs, files));
        AtomicFile.Write(zipPath, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (entryName, bytes) in files)
            {
                var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var target = entry.Open();
                target.Write(bytes);
            }
        });
    }

    /// <summary>A deterministic TEM-like test image in [0, 1]: a gradient, noise, and dark lines of a few pixels width.</summary>
    public static float[] TestImage(int size)
    {
        var pixels = new float[size * size];
        var state = 0x9E3779B9u;
        (double X0, double Y0, double X1, double Y1)[] lines = [(20, 40, 230, 90), (30, 120, 220, 150), (40, 190, 200, 230), (160, 10, 240, 120)];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                var value = 0.55 + (0.1 * x / size) + (0.05 * ((state % 1000) / 1000.0 - 0.5));
                foreach (var (x0, y0, x1, y1) in lines)
                {
                    var dx = x1 - x0;
                    var dy = y1 - y0;
                    var t = Math.Clamp((((x - x0) * dx) + ((y - y0) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
                    var ex = x - (x0 + (t * dx));
                    var ey = y - (y0 + (t * dy));
                    var d = Math.Sqrt((ex * ex) + (ey * ey));
                    value -= 0.3 * DeterministicMath.Exp(-d * d / 4.5);
                }

                pixels[(y * size) + x] = (float)Math.Clamp(value, 0, 1);
            }
        }

        return pixels;
    }

    private static string Rdf(string name, ModelMetadata metadata, string license, int outputs, SortedDictionary<string, byte[]> files)
    {
        string Sha(string file) => Convert.ToHexStringLower(SHA256.HashData(files[file]));
        var n = metadata.Normalisation;
        var preprocessing = n.Mode == NormalisationMode.Fixed
            ? string.Create(CultureInfo.InvariantCulture, $"      - id: fixed_zero_mean_unit_variance\n        kwargs: {{mean: {n.Mean}, std: {n.Std}}}\n")
            : "      - id: zero_mean_unit_variance\n        kwargs: {axes: [x, y], eps: 1.0e-6}\n";
        var channels = outputs == 1 ? "[centre_lines]" : $"[{string.Join(", ", Enumerable.Range(1, outputs).Select(k => $"dislocation_{k}"))}]";
        var record = string.Join(string.Empty, metadata.Training.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"      {Yaml(p.Key)}: {Yaml(p.Value)}\n"));
        return $"""
            format_version: {FormatVersion}
            type: model
            name: {Yaml(name)}
            description: {Yaml($"Dislocation segmentation in TEM images (Dislocate): UNet++ with a {metadata.Spec.Encoder} encoder; " + (outputs == 1 ? "one centre-line probability map whose connected pieces are the dislocations." : $"{outputs} masks, one dislocation each."))}
            version: {Yaml(metadata.Training.GetValueOrDefault("version", "0.1.0"))}
            authors:
              - name: Dislocate contributors
            cite:
              - text: {Yaml(Citation)}
                doi: {CitationDoi}
            license: {Yaml(license)}
            documentation: README.md
            covers:
              - cover.png
            tags: [transmission-electron-microscopy, dislocations, semantic-segmentation, 2d, unetplusplus, onnx]
            inputs:
              - id: image
                description: gray TEM frame (any range; normalised per the preprocessing)
                axes:
                  - type: batch
                  - type: channel
                    channel_names: [gray]
                  - type: space
                    id: y
                    size:
                      min: {ModelSpec.SizeMultiple}
                      step: {ModelSpec.SizeMultiple}
                  - type: space
                    id: x
                    size:
                      min: {ModelSpec.SizeMultiple}
                      step: {ModelSpec.SizeMultiple}
                test_tensor:
                  source: test_input.npy
                  sha256: {Sha("test_input.npy")}
                preprocessing:
            {preprocessing.TrimEnd('\n')}
            outputs:
              - id: probabilities
                description: dislocation probability per pixel (threshold 0.5 as the paper does)
                axes:
                  - type: batch
                  - type: channel
                    channel_names: {channels}
                  - type: space
                    id: y
                    size:
                      tensor_id: image
                      axis_id: y
                  - type: space
                    id: x
                    size:
                      tensor_id: image
                      axis_id: x
                test_tensor:
                  source: test_output.npy
                  sha256: {Sha("test_output.npy")}
                postprocessing:
                  - id: sigmoid
            weights:
              onnx:
                source: weights.onnx
                sha256: {Sha("weights.onnx")}
                opset_version: {OnnxExporter.Opset}
            config:
              dislocate:
                plugin_version: {SegmentPlugin.Version}
                tile_size: {metadata.TileSize}
                training:
            {record.TrimEnd('\n')}

            """;
    }

    private static string Documentation(string name, ModelMetadata metadata) => $"""
        # {name}

        A Dislocate dislocation-segmentation model: UNet++ with a {metadata.Spec.Encoder} encoder
        ({metadata.Spec.Outputs} output(s), {(metadata.Spec.Output == OutputKind.LineMap ? "a centre-line probability map" : "one mask per dislocation")}), exported to ONNX (opset {OnnxExporter.Opset}).

        **Input**: one gray image, batch × 1 × height × width, height and width multiples of {ModelSpec.SizeMultiple}; the
        preprocessing normalises it per image. Tile larger frames (Dislocate uses {metadata.TileSize}-px tiles with 64 px
        overlap, blended).
        **Output**: probabilities (sigmoid of the logits), same height and width. Pixels ≥ 0.5 are dislocation; in a
        centre-line map each 8-connected piece is one dislocation.

        Dislocate itself runs the same model with `segment run --model <this .onnx or the .dislocate file>`, splits
        and orders the lines, and tracks them through a video.

        Training record: {string.Join("; ", metadata.Training.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} = {p.Value}"))}.

        Method: {Citation} doi:{CitationDoi}

        """;

    private static byte[] Cover(float[] input, float[] output)
    {
        // Image left, its first probability map right, 8-bit gray.
        var size = TestSize;
        var pixels = new byte[2 * size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                pixels[(y * 2 * size) + x] = (byte)Math.Round(Math.Clamp(input[(y * size) + x], 0f, 1f) * 255);
                pixels[(y * 2 * size) + size + x] = (byte)Math.Round(Math.Clamp(output[(y * size) + x], 0f, 1f) * 255);
            }
        }

        using var stream = new MemoryStream();
        PngEncoder.WriteGray8(stream, pixels, 2 * size, size);
        return stream.ToArray();
    }

    // A YAML scalar: quoted (double quotes, escapes) so any text is safe.
    private static string Yaml(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
