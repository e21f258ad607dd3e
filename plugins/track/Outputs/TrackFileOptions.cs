namespace Dislocate.Track.Outputs;

/// <summary>Which optional files a tracking run writes.</summary>
/// <param name="Labelme">Write labelme/&lt;frame&gt;.json (one linestrip per line, group_id = track id).</param>
/// <param name="Rois">Write RoiSet.zip (one polyline ROI per line and frame, for ImageJ's ROI Manager).</param>
/// <param name="OverlayImage">TEM image or stack drawn under overlay.png, or null for a gray background.</param>
/// <param name="TrackMate">TrackMate XML file to write (<see cref="TrackMateXml"/>), or null for none.</param>
internal sealed record TrackFileOptions(bool Labelme = true, bool Rois = true, string? OverlayImage = null, string? TrackMate = null);
