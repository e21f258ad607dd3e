using Dislocate.Core.Geometry;

namespace Dislocate.Core.Plotting;

/// <summary>One line drawn by <see cref="LineOverlay"/>: a track's current polyline, its label and optionally its older positions.</summary>
/// <param name="Id">The track id; it picks the colour (<see cref="LineOverlayPalette"/>).</param>
/// <param name="Points">The current polyline in image pixel units (pixel (c, r) covers [c, c+1) × [r, r+1)); one point draws a dot.</param>
/// <param name="Label">The text drawn near the first point; null for the id, empty for none.</param>
/// <param name="Trail">Older positions of the track, oldest first, drawn thinner and fainter; null or empty for none.</param>
public sealed record LineOverlayTrack(int Id, PointD[] Points, string? Label = null, IReadOnlyList<PointD[]>? Trail = null);
