using System.Globalization;
using System.Text;
using Dislocate.Segment.Model;
using Dislocate.Segment.Onnx.Format;
using Google.Protobuf;

namespace Dislocate.Segment.Onnx;

/// <summary>
/// Writes a Dislocate UNet++ as an ONNX model (opset 17, dynamic batch, height and width), straight from the weights of
/// its model file, with no libtorch: the graph mirrors <see cref="ResNetEncoder"/>, <see cref="UNetPlusPlusDecoder"/>
/// and the segmentation head node for node.
/// </summary>
/// <remarks>
/// Convention (also for ONNX models made elsewhere that <c>segment run</c> accepts): one float input
/// <c>[batch, 1, height, width]</c> holding the normalised image, height and width multiples of 32; one float output
/// <c>[batch, outputs, height, width]</c> of logits (the engine applies the sigmoid). Batch normalisation is folded into
/// the convolutions (in double precision), so the file holds Conv, Relu, MaxPool, Add, Resize and Concat only. The model
/// file's metadata (normalisation, output kind, tile size, training record) travels in metadata_props under
/// <see cref="MetadataKey"/>.
/// </remarks>
internal static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph uses.</summary>
    public const long Opset = 17;

    /// <summary>Name of the graph input.</summary>
    public const string InputName = "image";

    /// <summary>Name of the graph output.</summary>
    public const string OutputName = "logits";

    /// <summary>The metadata_props key holding the model file's metadata JSON.</summary>
    public const string MetadataKey = "dislocate.model";

    private const double BatchNormEpsilon = 1e-5;

    /// <summary>The ONNX model of a model file's metadata and weights.</summary>
    public static ModelProto Build(ModelMetadata metadata, IReadOnlyDictionary<string, WeightTensor> weights)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(weights);
        var graph = new Graph(weights);
        var spec = metadata.Spec;
        var input = graph.Builder.Input(InputName, "batch", spec.InputChannels, "height", "width");
        var features = graph.Encoder(input);
        var decoded = graph.Decoder(features, spec.DecoderChannels.Count - 1);
        var logits = graph.Conv(decoded, "segmentation_head.0", stride: 1, relu: false, bias: true);
        graph.Builder.Output(logits, "batch", spec.Outputs, "height", "width");
        graph.CheckAllUsed();
        var json = Encoding.UTF8.GetString(ModelMetadataJson.Serialize(metadata));
        var doc = $"Dislocate dislocation segmentation: UNet++ with a {spec.Encoder} encoder, {spec.Outputs} output(s) ({spec.Output}). "
            + $"Input '{InputName}' [batch, {spec.InputChannels}, height, width], height and width multiples of {ModelSpec.SizeMultiple}, normalised as in metadata '{MetadataKey}'; "
            + $"output '{OutputName}' = logits (apply a sigmoid).";
        var model = graph.Builder.Model(Opset, "Dislocate segment", SegmentPlugin.Version, doc, [new(MetadataKey, json)]);
        return Rename(model, logits, OutputName);
    }

    /// <summary>The ONNX model of a <c>.dislocate</c> file, serialised.</summary>
    public static byte[] Export(string modelPath)
    {
        var (metadata, weights) = ModelFile.ReadWeights(modelPath);
        return Build(metadata, weights).ToByteArray();
    }

    private static ModelProto Rename(ModelProto model, string from, string to)
    {
        foreach (var node in model.Graph.Node)
        {
            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i] == from)
                {
                    node.Output[i] = to;
                }
            }
        }

        model.Graph.Output[0].Name = to;
        return model;
    }

    /// <summary>The graph under construction and the weights it has consumed.</summary>
    private sealed class Graph(IReadOnlyDictionary<string, WeightTensor> weights)
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);

        public OnnxGraphBuilder Builder { get; } = new("dislocate_unetplusplus");

        /// <summary>The encoder's feature maps at strides 1 (the input), 2, 4, 8, 16 and 32.</summary>
        public string[] Encoder(string input)
        {
            var stride2 = this.Conv(input, "encoder.conv1", stride: 2, relu: true, norm: "encoder.bn1");
            var x = this.Builder.Node("MaxPool", [stride2], ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 1, 1 }));
            var features = new List<string> { input, stride2 };
            for (var layer = 1; layer <= 4; layer++)
            {
                for (var block = 0; weights.ContainsKey($"encoder.layer{layer}.{block}.conv1.weight"); block++)
                {
                    x = this.ResidualBlock(x, $"encoder.layer{layer}.{block}", layer > 1 && block == 0 ? 2 : 1);
                }

                features.Add(x);
            }

            return [.. features];
        }

        /// <summary>The UNet++ decoder's nested dense skip pathways, in the order of <see cref="UNetPlusPlusDecoder"/>.</summary>
        public string Decoder(string[] encoderFeatures, int depth)
        {
            var features = encoderFeatures.Skip(1).Reverse().ToArray();
            var dense = new Dictionary<(int, int), string>();
            for (var layer = 0; layer < depth; layer++)
            {
                for (var d = 0; d < depth - layer; d++)
                {
                    if (layer == 0)
                    {
                        dense[(d, d)] = this.DecoderBlock((d, d), features[d], features[d + 1]);
                        continue;
                    }

                    var l = d + layer;
                    var joined = new List<string>();
                    for (var i = d + 1; i <= l; i++)
                    {
                        joined.Add(dense[(i, l)]);
                    }

                    joined.Add(features[l + 1]);
                    var skip = this.Builder.Node("Concat", [.. joined], ("axis", 1L));
                    dense[(d, l)] = this.DecoderBlock((d, l), dense[(d, l - 1)], skip);
                }
            }

            return this.DecoderBlock((0, depth), dense[(0, depth - 1)], null);
        }

        /// <summary>A convolution (padding k / 2) with its batch norm folded in, or its own bias, then optionally a ReLU.</summary>
        public string Conv(string x, string conv, long stride, bool relu, string? norm = null, bool bias = false)
        {
            var weight = this.Take($"{conv}.weight");
            var outputs = (int)weight.Shape[0];
            var perOutput = weight.Values.Length / outputs;
            var w = new float[weight.Values.Length];
            var b = new float[outputs];
            for (var o = 0; o < outputs; o++)
            {
                double scale = 1, shift = 0;
                if (norm is not null)
                {
                    var gamma = this.Take($"{norm}.weight").Values[o];
                    var beta = this.Take($"{norm}.bias").Values[o];
                    var mean = this.Take($"{norm}.running_mean").Values[o];
                    var variance = this.Take($"{norm}.running_var").Values[o];
                    scale = gamma / Math.Sqrt(variance + BatchNormEpsilon);
                    shift = beta - (mean * scale);
                    this.Take($"{norm}.num_batches_tracked");
                }
                else if (bias)
                {
                    shift = this.Take($"{conv}.bias").Values[o];
                }

                for (var k = 0; k < perOutput; k++)
                {
                    w[(o * perOutput) + k] = (float)(weight.Values[(o * perOutput) + k] * scale);
                }

                b[o] = (float)shift;
            }

            var kernel = weight.Shape[2];
            var pad = kernel / 2;
            var y = this.Builder.Node(
                "Conv",
                [x, this.Builder.Initializer($"{conv}.weight", weight.Shape, w), this.Builder.Initializer($"{conv}.bias", [outputs], b)],
                ("kernel_shape", new[] { kernel, weight.Shape[3] }),
                ("strides", new[] { stride, stride }),
                ("pads", new[] { pad, pad, pad, pad }));
            return relu ? this.Builder.Node("Relu", [y]) : y;
        }

        public void CheckAllUsed()
        {
            var left = weights.Keys.Where(k => !this.used.Contains(k)).ToList();
            if (left.Count > 0)
            {
                throw new InvalidOperationException($"The ONNX graph leaves {left.Count} weights unused (e.g. '{left[0]}'): the exporter does not match this architecture.");
            }
        }

        private string ResidualBlock(string x, string prefix, long stride)
        {
            var identity = weights.ContainsKey($"{prefix}.downsample.0.weight")
                ? this.Conv(x, $"{prefix}.downsample.0", stride, relu: false, norm: $"{prefix}.downsample.1")
                : x;
            string y;
            if (weights.ContainsKey($"{prefix}.conv3.weight"))
            {
                // Bottleneck (ResNet-50): the stride sits on the 3×3 convolution, as in torchvision.
                y = this.Conv(x, $"{prefix}.conv1", 1, relu: true, norm: $"{prefix}.bn1");
                y = this.Conv(y, $"{prefix}.conv2", stride, relu: true, norm: $"{prefix}.bn2");
                y = this.Conv(y, $"{prefix}.conv3", 1, relu: false, norm: $"{prefix}.bn3");
            }
            else
            {
                y = this.Conv(x, $"{prefix}.conv1", stride, relu: true, norm: $"{prefix}.bn1");
                y = this.Conv(y, $"{prefix}.conv2", 1, relu: false, norm: $"{prefix}.bn2");
            }

            return this.Builder.Node("Relu", [this.Builder.Node("Add", [y, identity])]);
        }

        private string DecoderBlock((int Depth, int Layer) at, string x, string? skip)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"decoder.blocks.x_{at.Depth}_{at.Layer}");
            var scales = this.Builder.Initializer($"{key}.scales", [4], [1f, 1f, 2f, 2f]);
            var up = this.Builder.Node(
                "Resize",
                [x, string.Empty, scales],
                ("mode", "nearest"),
                ("coordinate_transformation_mode", "asymmetric"),
                ("nearest_mode", "floor"));
            var joined = skip is null ? up : this.Builder.Node("Concat", [up, skip], ("axis", 1L));
            var y = this.Conv(joined, $"{key}.conv1.0", 1, relu: true, norm: $"{key}.conv1.1");
            return this.Conv(y, $"{key}.conv2.0", 1, relu: true, norm: $"{key}.conv2.1");
        }

        private WeightTensor Take(string name)
        {
            if (!weights.TryGetValue(name, out var tensor))
            {
                throw new InvalidOperationException($"The model has no weight '{name}' that its architecture needs.");
            }

            this.used.Add(name);
            return tensor;
        }
    }
}
