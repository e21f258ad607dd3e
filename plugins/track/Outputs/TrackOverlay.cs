using Dislocate.Contracts;
using Dislocate.Core.Filters;
using Dislocate.Core.Geometry;
using Dislocate.Core.IO;
using Dislocate.Core.Plotting;
using Dislocate.Track.Analysis;
using Dislocate.Track.Pipeline;

namespace Dislocate.Track.Outputs;

/// <summary>
/// The track overlay of a run: the last frame's lines in their track colours with their ids, and each track's earlier
/// positions as fading trails, drawn over that frame of the TEM stack when one is given, else over mid gray.
/// </summary>
/// <remarks>At most <see cref="TrailLength"/> earlier positions per track, evenly spread over its history, so long stacks stay readable.</remarks>
internal static class TrackOverlay
{
    /// <summary>Earlier positions drawn per track.</summary>
    public const int TrailLength = 12;

    /// <summary>The PNG of the overlay on frame <paramref name="frame"/> of the <paramref name="width"/> × <paramref name="height"/> run.</summary>
    /// <param name="result">The run's tracks.</param>
    /// <param name="frame">The frame to draw (0-based); tracks not seen in it are drawn at their last earlier position.</param>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    /// <param name="image">A TEM image or stack of the same size, or null for a gray background.</param>
    public static byte[] RenderPng(TrackingResult result, int frame, int width, int height, string? image)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tracks = new List<LineOverlayTrack>();
        foreach (var track in result.Tracks)
        {
            var seen = track.Observations.Where(o => o.Frame <= frame).ToList();
            if (seen.Count == 0)
            {
                continue;
            }

            tracks.Add(new LineOverlayTrack(track.Id, seen[^1].Points, null, Trail(seen)));
        }

        var background = image is null ? Gray(width, height) : Frame(image, frame, width, height);
        return LineOverlay.RenderPng(background, width, height, tracks);
    }

    private static List<PointD[]> Trail(List<TrackObservation> seen)
    {
        var earlier = seen.Count - 1;
        var count = Math.Min(TrailLength, earlier);
        var trail = new List<PointD[]>(count);
        for (var k = 0; k < count; k++)
        {
            // Evenly spread over the history, oldest first, never the current observation.
            trail.Add(seen[(int)((long)k * earlier / count)].Points);
        }

        return trail;
    }

    private static float[] Gray(int width, int height)
    {
        var gray = new float[width * height];
        gray.AsSpan().Fill(0.5f);
        return gray;
    }

    private static float[] Frame(string path, int frame, int width, int height)
    {
        var pages = Path.GetExtension(path).ToLowerInvariant() is ".tif" or ".tiff"
            ? TiffStackReader.ReadPages(path).Select(p => p.ToGrayImage())
            : [ImageFileReader.ReadGray(path)];
        var index = 0;
        Core.Imaging.GrayImage? chosen = null;
        foreach (var page in pages)
        {
            chosen = page;
            if (index++ == frame)
            {
                break;
            }
        }

        if (index <= frame && index > 1)
        {
            throw new InputFileException(path, null, $"has {index} frames; the overlay needs frame {frame + 1}");
        }

        // A single image serves every frame (e.g. one reference micrograph).
        if (chosen is null || chosen.Width != width || chosen.Height != height)
        {
            throw new InputFileException(path, null, $"cannot serve as the overlay background: it must be a {width}×{height} image or stack (got {chosen?.Width}×{chosen?.Height})");
        }

        // Stretch to the frame's own range so dark TEM frames stay visible under the coloured lines.
        // The frame was just read for this, so it is rescaled in place.
        ImageStatistics.Normalize01(chosen.Pixels);
        return chosen.Pixels;
    }
}
