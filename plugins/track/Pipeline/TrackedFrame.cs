using Dislocate.Track.Inputs;
using Dislocate.Track.Lines;

namespace Dislocate.Track.Pipeline;

/// <summary>One frame after extraction and linking.</summary>
/// <param name="Index">0-based frame index.</param>
/// <param name="Name">The frame's name (file stem or stack frame name).</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="Extraction">What extraction found and dropped (with reasons).</param>
/// <param name="Lines">The lines kept, in extraction order, with track ids and measures.</param>
public sealed record TrackedFrame(int Index, string Name, int Width, int Height, FrameLines Extraction, IReadOnlyList<TrackedLine> Lines)
{
    /// <summary>The frame's lines and issues from a mask frame (no links yet).</summary>
    internal static FrameLines Extract(MaskFrame frame, LineExtractor extractor)
    {
        if (frame.Labels is { } labels)
        {
            return extractor.ExtractLabels(labels, frame.Width, frame.Height, frame.Index);
        }

        var results = new List<MaskLineResult>(frame.Masks!.Count);
        foreach (var mask in frame.Masks)
        {
            results.Add(mask.Bytes is { } bytes
                ? extractor.Extract(bytes, frame.Width, frame.Height, frame.Index, mask.Label)
                : extractor.Extract(mask.Floats, frame.Width, frame.Height, frame.Index, mask.Label));
        }

        return FrameLines.FromMasks(frame.Index, results);
    }
}
