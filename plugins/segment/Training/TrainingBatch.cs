using Dislocate.Segment.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Dislocate.Segment.Training;

/// <summary>A batch as tensors: normalised input [B, 1, S, S], zero-padded masks [B, M, S, S] and each image's mask count.</summary>
internal sealed class TrainingBatch : IDisposable
{
    private TrainingBatch(Tensor input, Tensor truth, int[] counts)
    {
        this.Input = input;
        this.Truth = truth;
        this.Counts = counts;
    }

    /// <summary>Network input.</summary>
    public Tensor Input { get; }

    /// <summary>Ground-truth masks (0/1 floats), padded to the largest count in the batch (at least one page).</summary>
    public Tensor Truth { get; }

    /// <summary>Ground-truth masks per image.</summary>
    public int[] Counts { get; }

    /// <summary>Stacks equally sized square crops into tensors on <paramref name="device"/>.</summary>
    public static TrainingBatch From(IReadOnlyList<TrainingSample> crops, InputNormalisation normalisation, Device device)
    {
        ArgumentNullException.ThrowIfNull(crops);
        ArgumentNullException.ThrowIfNull(normalisation);
        var b = crops.Count;
        var size = crops[0].Width;
        var plane = size * size;
        var counts = crops.Select(c => c.Masks.Count).ToArray();
        var m = Math.Max(1, counts.Max());
        var input = new float[b * plane];
        var truth = new float[b * m * plane];
        for (var i = 0; i < b; i++)
        {
            var crop = crops[i];
            if (crop.Width != size || crop.Height != size)
            {
                throw new ArgumentException("All crops of a batch must have the same size.", nameof(crops));
            }

            normalisation.Apply(crop.Image, input.AsSpan(i * plane, plane));
            for (var k = 0; k < crop.Masks.Count; k++)
            {
                var target = truth.AsSpan(((i * m) + k) * plane, plane);
                var mask = crop.Masks[k];
                for (var p = 0; p < plane; p++)
                {
                    target[p] = mask[p] != 0 ? 1f : 0f;
                }
            }
        }

        return new TrainingBatch(
            torch.tensor(input, [b, 1, size, size]).to(device),
            torch.tensor(truth, [b, m, size, size]).to(device),
            counts);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.Input.Dispose();
        this.Truth.Dispose();
    }
}
