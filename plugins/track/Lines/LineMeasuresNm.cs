using Dislocate.Core.Geometry;

namespace Dislocate.Track.Lines;

/// <summary>A line's <see cref="LineMeasures"/> in nanometres (directions are the same in both units, so they are not repeated).</summary>
/// <param name="PixelSizeNm">Side of one pixel in nm, the factor used.</param>
/// <param name="PointsNm">The K points, nm from the image's top-left corner.</param>
/// <param name="LengthNm">Polyline length, nm.</param>
/// <param name="StartNm">The first point, nm.</param>
/// <param name="EndNm">The last point, nm.</param>
/// <param name="CentroidNm">Mean of the points, nm.</param>
/// <param name="CurvaturePerNm">Signed curvature at each point, 1/nm.</param>
/// <param name="RadiusNm">Local radius of curvature at each point, nm (+∞ where κ = 0).</param>
/// <param name="MeanCurvaturePerNm">Mean signed curvature, 1/nm.</param>
/// <param name="MeanAbsCurvaturePerNm">Mean |κ|, 1/nm.</param>
/// <param name="MaxAbsCurvaturePerNm">Largest |κ|, 1/nm.</param>
public sealed record LineMeasuresNm(
    double PixelSizeNm,
    PointD[] PointsNm,
    double LengthNm,
    PointD StartNm,
    PointD EndNm,
    PointD CentroidNm,
    double[] CurvaturePerNm,
    double[] RadiusNm,
    double MeanCurvaturePerNm,
    double MeanAbsCurvaturePerNm,
    double MaxAbsCurvaturePerNm);
