using Dislocate.Core.Imaging;

namespace Dislocate.Synthetic.Rendering;

/// <summary>
/// Reusable output buffers for one image size: the image, up to any number of instance masks and their union.
/// Rendering into a canvas allocates nothing once it has grown, and clears only the mask pixels the previous
/// image set; fresh multi-megabyte arrays per image would cost more in page faults than the rendering itself.
/// </summary>
/// <remarks>Not thread-safe; one canvas per thread (<see cref="SampleRenderer.ForCurrentThread"/> owns one).</remarks>
public sealed class SampleCanvas
{
    private readonly List<byte[]> masks = [];
    private readonly List<List<int>> setPixels = [];
    private int maskCount;

    /// <summary>Creates an empty canvas.</summary>
    public SampleCanvas(int width, int height)
    {
        this.Image = new GrayImage(width, height);
        this.Union = new byte[width * height];
    }

    /// <summary>The image buffer (fully overwritten by every render).</summary>
    public GrayImage Image { get; }

    /// <summary>The union mask buffer.</summary>
    public byte[] Union { get; }

    /// <summary>The masks of the last render (buffers owned by the canvas).</summary>
    public IReadOnlyList<byte[]> Masks => this.masks.GetRange(0, this.maskCount);

    /// <summary>Clears the previous masks (only the pixels that were set) and prepares <paramref name="count"/> empty ones.</summary>
    public void Reset(int count)
    {
        for (var k = 0; k < this.maskCount; k++)
        {
            var mask = this.masks[k];
            foreach (var i in this.setPixels[k])
            {
                mask[i] = 0;
                this.Union[i] = 0;
            }

            this.setPixels[k].Clear();
        }

        while (this.masks.Count < count)
        {
            this.masks.Add(new byte[this.Union.Length]);
            this.setPixels.Add([]);
        }

        this.maskCount = count;
    }

    /// <summary>Sets pixel <paramref name="index"/> in mask <paramref name="k"/> and in the union.</summary>
    public void Mark(int k, int index)
    {
        var mask = this.masks[k];
        if (mask[index] == 0)
        {
            mask[index] = 255;
            this.Union[index] = 255;
            this.setPixels[k].Add(index);
        }
    }
}
