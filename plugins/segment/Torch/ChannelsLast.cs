using static TorchSharp.torch;

namespace Dislocate.Segment.Torch;

/// <summary>
/// The channels-last (NHWC) memory layout for activations: the layout in which libtorch 2.10's oneDNN computes
/// convolution gradients correctly on this project's reference machine.
/// </summary>
/// <remarks>
/// Measured with <see cref="KernelProbe"/>: in the default NCHW layout, oneDNN's weight gradient of a convolution whose
/// output gradient came from another convolution's backward is wrong (relative error ≈ 1, or NaN) with every ISA,
/// while each convolution on its own is right; with channels-last activations the same chain agrees with float64 to
/// 1e-6. libtorch runs a convolution channels-last when its input is, and every later operation keeps the layout, so
/// the network only has to turn its stem's output channels-last (a one-channel image is both layouts at once, so the
/// input cannot carry it). Weights stay in their usual layout, so saving, loading and the optimiser are unchanged.
/// TorchSharp 0.107 exposes no memory-format argument: the layout is made by permuting to NHWC, copying, and permuting
/// the view back (the strides PyTorch gives channels_last).
/// </remarks>
internal static class ChannelsLast
{
    /// <summary>A channels-last copy of a 4-D tensor (the same values and shape).</summary>
    public static Tensor Of(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.dim() == 4 ? tensor.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : tensor;
    }
}
