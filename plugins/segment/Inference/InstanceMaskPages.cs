using System.Collections;
using Dislocate.Segment.PostProcessing;

namespace Dislocate.Segment.Inference;

/// <summary>
/// The 0/255 mask page of each instance, rendered on access into one reused buffer: a frame with hundreds of
/// dislocations holds one full-size page in memory instead of one per dislocation (a 4096² frame: 16 MB, not gigabytes).
/// </summary>
/// <remarks>A page stays valid until another index is read; <see cref="Dislocate.Core.IO.TiffStackWriter"/> reads pages one at a time, in order.</remarks>
internal sealed class InstanceMaskPages(IReadOnlyList<SegmentedInstance> instances, int width, int height) : IReadOnlyList<ReadOnlyMemory<byte>>
{
    private readonly byte[] page = new byte[width * height];
    private int current = -1;

    /// <inheritdoc/>
    public int Count => instances.Count;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, instances.Count);
            if (index != this.current)
            {
                if (this.current >= 0)
                {
                    foreach (var p in instances[this.current].Pixels)
                    {
                        this.page[p] = 0;
                    }
                }

                foreach (var p in instances[index].Pixels)
                {
                    this.page[p] = 255;
                }

                this.current = index;
            }

            return this.page;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
    {
        for (var i = 0; i < this.Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => this.GetEnumerator();
}
