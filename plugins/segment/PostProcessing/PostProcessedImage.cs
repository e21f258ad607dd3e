namespace Dislocate.Segment.PostProcessing;

/// <summary>The dislocation instances of one image, its label image and what became of each predicted mask.</summary>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Instances">Instances ordered by source channel, then piece; instance k has label k + 1.</param>
/// <param name="Labels">Row-major label image: 0 = background, k + 1 = instance k; where instances overlap the one with the higher probability at that pixel wins (ties: the lower label).</param>
/// <param name="Channels">One summary per predicted mask, in channel order.</param>
public sealed record PostProcessedImage(int Width, int Height, IReadOnlyList<SegmentedInstance> Instances, ushort[] Labels, IReadOnlyList<ChannelSummary> Channels);
