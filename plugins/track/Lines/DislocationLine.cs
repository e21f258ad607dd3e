using Dislocate.Core.Geometry;

namespace Dislocate.Track.Lines;

/// <summary>One dislocation line found in one frame: K equally spaced points along its smoothed centre line.</summary>
/// <remarks>
/// Coordinates are pixels with pixel (c, r) covering [c, c+1) × [r, r+1) (the project's image convention). Points run
/// from one end to the other; their order is canonical (see <see cref="LineOrientation"/>) until the linker aligns a
/// line with its track's previous one.
/// </remarks>
/// <param name="Frame">0-based frame index in the input.</param>
/// <param name="Label">The instance id in the input: a label value, or the 1-based page (channel) of an instance-mask stack.</param>
/// <param name="Points">K ≥ 2 points equally spaced in arc length along the smoothing spline, ends included.</param>
/// <param name="Pixels">Mask pixels kept after cleanup (largest component).</param>
/// <param name="Length">Arc length of the smoothing spline in pixels (what the spline-length metric measures).</param>
public sealed record DislocationLine(int Frame, int Label, PointD[] Points, int Pixels, double Length);
