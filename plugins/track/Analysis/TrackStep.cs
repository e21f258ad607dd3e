namespace Dislocate.Track.Analysis;

/// <summary>One step of a track between two consecutive observations.</summary>
/// <param name="FromFrame">Frame of the earlier observation.</param>
/// <param name="ToFrame">Frame of the later observation (more than one frame later across a bridged gap).</param>
/// <param name="Size">Centroid displacement along the motion direction divided by the frame gap, px/frame (signed, negative backwards).</param>
/// <param name="IsStop">True when |Size| is below the stop threshold.</param>
public sealed record TrackStep(int FromFrame, int ToFrame, double Size, bool IsStop);
