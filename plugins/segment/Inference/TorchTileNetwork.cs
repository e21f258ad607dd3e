using Dislocate.Segment.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Inference;

/// <summary>Tiles through a TorchSharp network (libtorch) on a CPU or CUDA device, without gradients.</summary>
internal sealed class TorchTileNetwork : ITileNetwork
{
    private readonly Func<Tensor, Tensor> network;
    private readonly Device device;
    private readonly UNetPlusPlus? model;
    private readonly bool modelWasTraining;

    /// <summary>Runs <paramref name="model"/> in evaluation mode; disposing restores its training mode (the model stays the caller's).</summary>
    public TorchTileNetwork(UNetPlusPlus model, Device device)
        : this(model.call, model.Spec.Outputs, device)
    {
        this.model = model;
        this.modelWasTraining = model.training;
        model.eval();
    }

    /// <summary>Runs any function of [batch, 1, h, w] logits-producing tensors (tests use simple stand-ins).</summary>
    public TorchTileNetwork(Func<Tensor, Tensor> network, int outputs, Device device)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        this.network = network;
        this.Outputs = outputs;
        this.device = device;
    }

    /// <inheritdoc/>
    public int Outputs { get; }

    /// <inheritdoc/>
    public string Engine => $"torch (libtorch, {this.device.type.ToString().ToLowerInvariant()}, {torch.get_num_threads()} threads)";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<float> tiles, int count, int height, int width, Span<float> probabilities)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(tiles.ToArray(), [count, 1, height, width]).to(this.device);
        var logits = this.network(input);
        long[] expected = [count, this.Outputs, height, width];
        if (!logits.shape.SequenceEqual(expected))
        {
            throw new InvalidOperationException($"The network returned [{string.Join(", ", logits.shape)}] for [{string.Join(", ", input.shape)}]; expected [{string.Join(", ", expected)}].");
        }

        sigmoid(logits).cpu().contiguous().data<float>().CopyTo(probabilities);
    }

    /// <inheritdoc/>
    public float[][] RunResized(float[] image, int width, int height, int size)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(image, [1, 1, height, width]).to(this.device);
        var shrink = size < width || size < height;
        var resized = nn.functional.interpolate(input, size: [size, size], mode: InterpolationMode.Bilinear, align_corners: false, antialias: shrink);
        var maps = sigmoid(this.network(resized));
        var back = nn.functional.interpolate(maps, size: [height, width], mode: InterpolationMode.Bilinear, align_corners: false, antialias: width < size || height < size);
        var values = back.cpu().contiguous().data<float>().ToArray();
        var plane = width * height;
        var result = new float[this.Outputs][];
        for (var k = 0; k < this.Outputs; k++)
        {
            result[k] = values.AsSpan(k * plane, plane).ToArray();
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => this.model?.train(this.modelWasTraining);
}
