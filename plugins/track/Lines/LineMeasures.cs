using Dislocate.Core.Geometry;

namespace Dislocate.Track.Lines;

/// <summary>The geometry of one line in pixels (see <see cref="LineGeometry.Measure"/> for definitions).</summary>
/// <param name="Points">The K points measured, start to end (a copy).</param>
/// <param name="Length">Length of the polyline through the K points, px.</param>
/// <param name="Start">The first point.</param>
/// <param name="End">The last point.</param>
/// <param name="Centroid">Mean of the K points (they are equally spaced, so this is the centre of the line).</param>
/// <param name="DirectionDegrees">Axial mean direction of the segments in [0, 180), counter-clockwise on screen from +x; NaN when undefined (zero length, or directions that cancel, e.g. a half circle).</param>
/// <param name="DirectionCoherence">Length of the mean doubled-angle vector in [0, 1]: 1 for a straight line, 0 when the directions cancel.</param>
/// <param name="CurvatureStep">w, the index offset of the curvature circle's neighbours (points i − w, i, i + w); 0 when there is none (K &lt; 3 or zero length).</param>
/// <param name="Curvature">Signed curvature at each point, 1/px; positive where the line turns counter-clockwise on screen walking from start to end.</param>
/// <param name="Radius">Local radius of curvature 1/|κ| at each point, px (+∞ where κ = 0).</param>
/// <param name="MeanCurvature">Mean of <paramref name="Curvature"/> over the K points, 1/px.</param>
/// <param name="MeanAbsCurvature">Mean of |κ| over the K points, 1/px.</param>
/// <param name="MaxAbsCurvature">Largest |κ|, 1/px.</param>
public sealed record LineMeasures(
    PointD[] Points,
    double Length,
    PointD Start,
    PointD End,
    PointD Centroid,
    double DirectionDegrees,
    double DirectionCoherence,
    int CurvatureStep,
    double[] Curvature,
    double[] Radius,
    double MeanCurvature,
    double MeanAbsCurvature,
    double MaxAbsCurvature)
{
    /// <summary>The same measures in nanometres, or null when <paramref name="scale"/> has no pixel size.</summary>
    public LineMeasuresNm? InNanometres(PhysicalScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        scale.Validate();
        return scale.PixelSizeNm is { } nm ? this.InNanometres(nm) : null;
    }

    /// <summary>The same measures in nanometres for a pixel of <paramref name="pixelSizeNm"/> nm (&gt; 0).</summary>
    public LineMeasuresNm InNanometres(double pixelSizeNm)
    {
        if (!(pixelSizeNm > 0) || double.IsInfinity(pixelSizeNm))
        {
            throw new ArgumentException(FormattableString.Invariant($"The pixel size must be positive and finite. Got {pixelSizeNm} nm."), nameof(pixelSizeNm));
        }

        var points = new PointD[this.Points.Length];
        var curvature = new double[this.Curvature.Length];
        var radius = new double[this.Radius.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = this.Points[i] * pixelSizeNm;
        }

        for (var i = 0; i < curvature.Length; i++)
        {
            curvature[i] = this.Curvature[i] / pixelSizeNm;
            radius[i] = this.Radius[i] * pixelSizeNm;
        }

        return new LineMeasuresNm(
            pixelSizeNm,
            points,
            this.Length * pixelSizeNm,
            this.Start * pixelSizeNm,
            this.End * pixelSizeNm,
            this.Centroid * pixelSizeNm,
            curvature,
            radius,
            this.MeanCurvature / pixelSizeNm,
            this.MeanAbsCurvature / pixelSizeNm,
            this.MaxAbsCurvature / pixelSizeNm);
    }
}
