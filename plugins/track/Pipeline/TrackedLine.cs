using Dislocate.Track.Lines;

namespace Dislocate.Track.Pipeline;

/// <summary>One line of one frame after linking: its track, its measures (points aligned with the track) and, when asked, its stress.</summary>
/// <param name="Line">The extracted line (points in canonical order).</param>
/// <param name="TrackId">The track it was linked into (0 when lines are not linked, as in <c>track lines</c>).</param>
/// <param name="Measures">Geometry of the aligned points.</param>
/// <param name="StressMPa">Line-tension shear stress at each point (MPa, signed like the curvature), or null when not asked.</param>
public sealed record TrackedLine(DislocationLine Line, int TrackId, LineMeasures Measures, double[]? StressMPa);
