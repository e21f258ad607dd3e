using System.Runtime.InteropServices;
using Dislocate.Segment.Onnx.Format;
using Google.Protobuf;

namespace Dislocate.Segment.Onnx;

/// <summary>
/// Rewrites a float ONNX graph of <see cref="OnnxExporter"/> into ONNX's QDQ form for 8-bit inference: each activation
/// between operators passes through QuantizeLinear / DequantizeLinear (uint8, asymmetric, one scale per tensor from
/// calibration), convolution weights are int8 with one scale per output channel, biases int32. ONNX Runtime fuses the
/// pairs into QLinearConv, QLinearAdd, QLinearConcat and 8-bit MaxPool / Resize.
/// </summary>
/// <remarks>
/// Choices (each a parameter of <see cref="Int8Options"/>): the network's input and the first convolution stay float,
/// because faint dislocations are a few hundredths of the image's standard deviation and 256 levels over the input's
/// range would erase them; the last convolution (the head) stays float so the logits keep their resolution near the
/// threshold. Weights use ±63 rather than ±127 by default (<see cref="Int8Options.ReduceRange"/>): x86 CPUs without
/// VNNI multiply uint8 × int8 pairs into saturating 16-bit sums, and 255 · 63 · 2 stays below 2¹⁵. A ReLU's output starts
/// at zero, so its zero point is 0 and ONNX Runtime drops the ReLU into the preceding operator. MaxPool and nearest
/// Resize only pick values, so their outputs reuse their input's scale and zero point (ONNX Runtime then runs them on
/// uint8 directly).
/// </remarks>
internal static class OnnxInt8Quantizer
{
    /// <summary>The ops whose outputs get QuantizeLinear / DequantizeLinear.</summary>
    private static readonly HashSet<string> QuantizedOps = new(StringComparer.Ordinal) { "Conv", "Relu", "Add", "MaxPool", "Resize", "Concat" };

    /// <summary>The QDQ model of <paramref name="model"/> (which is left unchanged), with activation ranges from <paramref name="ranges"/>.</summary>
    /// <param name="model">A float model as <see cref="OnnxExporter.Build"/> writes it.</param>
    /// <param name="ranges">Each activation tensor's calibrated (min, max), from <see cref="OnnxCalibration"/>.</param>
    /// <param name="options">What stays float and the weights' range.</param>
    public static ModelProto Quantize(ModelProto model, IReadOnlyDictionary<string, (float Min, float Max)> ranges, Int8Options options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(options);
        var result = model.Clone();
        var graph = result.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }

            foreach (var input in node.Input.Where(i => i.Length > 0 && !initializers.ContainsKey(i)))
            {
                (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(node);
            }
        }

        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var convs = graph.Node.Where(n => n.OpType == "Conv").ToList();
        var floatConvs = new HashSet<NodeProto>();
        if (options.FloatFirstConv && convs.Count > 0)
        {
            floatConvs.Add(convs[0]);
        }

        if (options.FloatHead && convs.Count > 0)
        {
            floatConvs.Add(convs[^1]);
        }

        // Which tensors are quantized, with their (scale, zero point): outputs of the listed ops, except graph outputs and
        // a tensor whose only reader is a ReLU (the ReLU's output is quantized instead, so ONNX Runtime can fuse it).
        var parameters = new Dictionary<string, (float Scale, byte ZeroPoint)>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            if (!QuantizedOps.Contains(node.OpType))
            {
                continue;
            }

            var tensor = node.Output[0];
            var readers = consumers.GetValueOrDefault(tensor) ?? [];
            if (graphOutputs.Contains(tensor) || (readers.Count == 1 && readers[0].OpType == "Relu"))
            {
                continue;
            }

            if (node.OpType is "MaxPool" or "Resize" && parameters.TryGetValue(node.Input[0], out var same))
            {
                parameters[tensor] = same;
                continue;
            }

            if (!ranges.TryGetValue(tensor, out var range))
            {
                throw new ArgumentException($"no calibrated range for tensor '{tensor}' ({node.OpType})", nameof(ranges));
            }

            parameters[tensor] = node.OpType == "Relu" ? Activation(0, range.Max) : Activation(range.Min, range.Max);
        }

        var nodes = new List<NodeProto>();
        var added = new List<TensorProto>();
        foreach (var node in graph.Node)
        {
            // Readers see the dequantized tensor.
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (parameters.ContainsKey(node.Input[i]))
                {
                    node.Input[i] += "_dq";
                }
            }

            if (node.OpType == "Conv" && !floatConvs.Contains(node) && parameters.TryGetValue(Strip(node.Input[0]), out var input))
            {
                QuantizeWeights(node, initializers, input.Scale, options, nodes, added);
            }

            nodes.Add(node);
            var tensor = node.Output[0];
            if (parameters.TryGetValue(tensor, out var p))
            {
                var scale = OnnxGraphBuilder.Tensor<float>($"{tensor}_scale", TensorProto.Types.DataType.Float, [], [p.Scale]);
                var zero = OnnxGraphBuilder.Tensor<byte>($"{tensor}_zero", TensorProto.Types.DataType.Uint8, [], [p.ZeroPoint]);
                added.Add(scale);
                added.Add(zero);
                nodes.Add(Node("QuantizeLinear", [tensor, scale.Name, zero.Name], $"{tensor}_q"));
                nodes.Add(Node("DequantizeLinear", [$"{tensor}_q", scale.Name, zero.Name], $"{tensor}_dq"));
            }
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        graph.Initializer.AddRange(added);

        // The float weights the int8 ones replaced.
        var read = nodes.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        var unread = graph.Initializer.Where(t => !read.Contains(t.Name)).ToList();
        foreach (var t in unread)
        {
            graph.Initializer.Remove(t);
        }

        return result;
    }

    /// <summary>uint8 scale and zero point covering [<paramref name="min"/>, <paramref name="max"/>] with 0 exactly representable.</summary>
    internal static (float Scale, byte ZeroPoint) Activation(float min, float max)
    {
        var lo = Math.Min(0.0, min);
        var hi = Math.Max(0.0, max);
        var scale = hi - lo > 1e-12 ? (hi - lo) / 255.0 : 1.0;
        var zero = Math.Clamp(Math.Round(-lo / scale, MidpointRounding.ToEven), 0, 255);
        return ((float)scale, (byte)zero);
    }

    private static string Strip(string name) => name.EndsWith("_dq", StringComparison.Ordinal) ? name[..^3] : name;

    /// <summary>Replaces a convolution's float weight and bias by int8 (per output channel) and int32 constants behind DequantizeLinear.</summary>
    private static void QuantizeWeights(NodeProto conv, Dictionary<string, TensorProto> initializers, float inputScale, Int8Options options, List<NodeProto> nodes, List<TensorProto> added)
    {
        var weight = initializers[conv.Input[1]];
        var w = MemoryMarshal.Cast<byte, float>(weight.RawData.Span);
        var outputs = (int)weight.Dims[0];
        var perOutput = w.Length / outputs;
        var limit = options.ReduceRange ? 63 : 127;
        var scales = new float[outputs];
        var q = new sbyte[w.Length];
        for (var o = 0; o < outputs; o++)
        {
            var max = 0f;
            for (var k = 0; k < perOutput; k++)
            {
                max = Math.Max(max, Math.Abs(w[(o * perOutput) + k]));
            }

            scales[o] = max > 0 ? max / limit : 1f;
            for (var k = 0; k < perOutput; k++)
            {
                q[(o * perOutput) + k] = (sbyte)Math.Clamp(Math.Round(w[(o * perOutput) + k] / scales[o], MidpointRounding.ToEven), -limit, limit);
            }
        }

        var name = weight.Name;
        var qWeight = OnnxGraphBuilder.Tensor<sbyte>($"{name}_int8", TensorProto.Types.DataType.Int8, [.. weight.Dims], q);
        var wScale = OnnxGraphBuilder.Tensor<float>($"{name}_scale", TensorProto.Types.DataType.Float, [outputs], scales);
        var wZero = OnnxGraphBuilder.Tensor<sbyte>($"{name}_zero", TensorProto.Types.DataType.Int8, [outputs], new sbyte[outputs]);
        added.AddRange([qWeight, wScale, wZero]);
        nodes.Add(Node("DequantizeLinear", [qWeight.Name, wScale.Name, wZero.Name], $"{name}_dq", axis: 0));
        conv.Input[1] = $"{name}_dq";
        if (conv.Input.Count > 2 && conv.Input[2].Length > 0)
        {
            var bias = initializers[conv.Input[2]];
            var b = MemoryMarshal.Cast<byte, float>(bias.RawData.Span);
            var bScales = new float[outputs];
            var qb = new int[outputs];
            for (var o = 0; o < outputs; o++)
            {
                bScales[o] = inputScale * scales[o];
                qb[o] = (int)Math.Clamp(Math.Round(b[o] / bScales[o], MidpointRounding.ToEven), int.MinValue, int.MaxValue);
            }

            var qBias = OnnxGraphBuilder.Tensor<int>($"{bias.Name}_int32", TensorProto.Types.DataType.Int32, [outputs], qb);
            var bScale = OnnxGraphBuilder.Tensor<float>($"{bias.Name}_scale", TensorProto.Types.DataType.Float, [outputs], bScales);
            var bZero = OnnxGraphBuilder.Tensor<int>($"{bias.Name}_zero", TensorProto.Types.DataType.Int32, [outputs], new int[outputs]);
            added.AddRange([qBias, bScale, bZero]);
            nodes.Add(Node("DequantizeLinear", [qBias.Name, bScale.Name, bZero.Name], $"{bias.Name}_dq", axis: 0));
            conv.Input[2] = $"{bias.Name}_dq";
        }
    }

    private static NodeProto Node(string op, string[] inputs, string output, long? axis = null)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (axis is { } a)
        {
            node.Attribute.Add(OnnxGraphBuilder.Attribute("axis", a));
        }

        return node;
    }
}

/// <summary>What <see cref="OnnxInt8Quantizer"/> keeps in float and how wide the int8 weights are.</summary>
/// <param name="FloatFirstConv">The first convolution (reading the normalised image) stays float.</param>
/// <param name="FloatHead">The last convolution (writing the logits) stays float.</param>
/// <param name="ReduceRange">Weights within ±63 instead of ±127 (no 16-bit saturation on CPUs without VNNI).</param>
internal sealed record Int8Options(bool FloatFirstConv = true, bool FloatHead = true, bool ReduceRange = true);
