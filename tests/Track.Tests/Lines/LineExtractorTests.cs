using Dislocate.Core.Geometry;
using Dislocate.Core.Skeletons;
using Dislocate.Track.Lines;

namespace Dislocate.Track.Tests.Lines;

public class LineExtractorTests
{
    private const int Size = LineMasks.Size;

    [Theory]
    [InlineData(1.5)]
    [InlineData(2.0)]
    [InlineData(2.5)]
    public void StraightMaskGivesItsLengthDirectionAndNoCurvature(double halfWidth)
    {
        var a = new PointD(30.3, 40.7);
        var b = new PointD(280.2, 190.1);
        var line = Extract(LineMasks.Draw([a, b], halfWidth));
        var m = LineGeometry.Measure(line.Points);

        // Skeleton ends stop within about the half-width of the true ends, and the two errors mostly cancel
        // (MaskLines: |Length − L| ≤ 3 px for half-widths up to 4 px).
        Assert.InRange(line.Length - a.DistanceTo(b), -3.0, 3.0);
        Assert.Equal(line.Length, m.Length, line.Length * 0.005);

        // 149.13° = atan2(−dy, dx) folded into [0, 180); the staircase smoothing leaves well under 0.5° of error.
        Assert.Equal((Math.Atan2(-(b.Y - a.Y), b.X - a.X) * 180 / Math.PI) + 180, m.DirectionDegrees, 0.5);

        // Pixel-staircase noise only: below the 0.003 px⁻¹ documented for the 20 px span (a radius beyond 330 px).
        Assert.InRange(m.MaxAbsCurvature, 0.0, 0.003);
        AssertEquallySpaced(line.Points, 0.01);
    }

    [Theory]
    [InlineData(40.0, 1.5)]
    [InlineData(40.0, 2.5)]
    [InlineData(80.0, 1.5)]
    [InlineData(80.0, 2.0)]
    [InlineData(150.0, 2.0)]
    [InlineData(150.0, 2.5)]
    public void ArcMaskGivesItsLengthAndCurvatureWithTheRightSign(double radius, double halfWidth)
    {
        // Arcs of length min(100, 200) px: a "frown" (centre below, walked left to right: turns clockwise on screen,
        // κ < 0) and a "smile" (centre above: counter-clockwise, κ > 0). Canonical order walks them left to right.
        var angle = Math.Min(2.5, 200 / radius);
        foreach (var smile in new[] { false, true })
        {
            var centre = new PointD(Size / 2, smile ? 60 : Size - 60);
            var middle = smile ? Math.PI / 2 : -Math.PI / 2;
            var line = Extract(LineMasks.Draw(LineMasks.Arc(centre, radius, middle - (angle / 2), middle + (angle / 2)), halfWidth));
            Assert.True(line.Points[^1].X > line.Points[0].X);
            Assert.InRange(line.Length - (radius * angle), -3.0, 3.0);

            // Pointwise: the staircase noise bound of the 20 px span (0.003 px⁻¹) plus 0.0005 px⁻¹ for the group-mean
            // shrink (≤ 1.2 %) and the half-pixel wobble of the mask's own edge: 0.0035 px⁻¹ (R = 40: 14 %, R = 150: 53 %).
            var m = LineGeometry.Measure(line.Points);
            var expected = (smile ? 1 : -1) / radius;
            var w = m.CurvatureStep;
            for (var i = w; i < line.Points.Length - w; i++)
            {
                Assert.InRange(m.Curvature[i], expected - 0.0035, expected + 0.0035);
                Assert.Equal(Math.Sign(expected), Math.Sign(m.Curvature[i]));
            }

            // The mean over the line averages most of the noise out, apart from the skeleton's last few pixels at the
            // ends (copied over the first and last w points): within 0.001 px⁻¹ (4 % at R = 40, 15 % at R = 150).
            Assert.InRange(m.MeanCurvature, expected - 0.001, expected + 0.001);
            AssertEquallySpaced(line.Points, 0.01);
        }
    }

    [Theory]
    [InlineData(15.0, 200.0, 2.0)]
    [InlineData(10.0, 120.0, 1.5)]
    [InlineData(20.0, 140.0, 2.5)]
    public void SineMaskGivesItsLengthAndCrestCurvature(double amplitude, double wavelength, double halfWidth)
    {
        // y = 160 + A sin(2π(x − 20)/λ) over 1.5 wavelengths, drawn on a 420 × 320 image.
        const int width = 420;
        var sine = LineMasks.Sine(20, 20 + (1.5 * wavelength), 160, amplitude, wavelength);
        var extractor = new LineExtractor(LineOptions.Default);
        var line = extractor.Extract(LineMasks.Draw(sine, halfWidth, width, Size), width, Size, 0, 1).Line!;
        Assert.InRange(line.Length - Polyline.Length(sine), -3.0, 3.0);
        AssertEquallySpaced(line.Points, 0.02);

        // The estimator's own smoothing at a crest, read off the exact curve resampled to 50 points like a line.
        var exact = LineGeometry.Measure(Polyline.ResampleEquidistant(sine, 50));
        var measured = LineGeometry.Measure(line.Points);
        var k = 2 * Math.PI / wavelength;
        for (var crest = 0; crest < 3; crest++)
        {
            // Image y grows downwards, so y'' = −A k² at a maximum of sin (x = λ/4 + nλ/2 past the start): that crest is a
            // "smile" on screen (κ = +A k²), the next a "frown" (κ = −A k²).
            var x = 20 + (wavelength / 4) + (crest * wavelength / 2);
            var analytic = (crest % 2 == 0 ? 1 : -1) * amplitude * k * k;
            var i = Nearest(line.Points, x);
            var j = Nearest(exact.Points, x);

            // The span (20 px) rounds the crest off: on the exact curve the estimate is 75–95 % of A k² for these λ
            // (78 % for λ = 140, 94 % for λ = 200).
            Assert.InRange(exact.Curvature[j] / analytic, 0.75, 0.95);

            // From the mask: the same smoothing plus the staircase noise bound (0.0035 px⁻¹, as for arcs).
            Assert.InRange(measured.Curvature[i], exact.Curvature[j] - 0.0035, exact.Curvature[j] + 0.0035);

            // Against the analytic crest curvature A k² (0.015–0.040 px⁻¹ here), both together: 0.75·A k² − 0.0035
            // and 0.95·A k² + 0.0035 lie within 65 %–120 % of A k².
            Assert.InRange(measured.Curvature[i] / analytic, 0.65, 1.2);
        }
    }

    [Fact]
    public void LabelImageGivesTheSameLinesAsSeparateMasks()
    {
        var (labels, masks) = LabelScene();
        var extractor = new LineExtractor(LineOptions.Default);
        var frame = extractor.ExtractLabels(labels, Size, Size, 4);
        Assert.Equal(4, frame.Frame);
        Assert.Equal([3, 7, 12, 300], frame.Lines.Select(l => l.Label));

        // Cropping only changes the rounding of the spline arithmetic.
        foreach (var (label, mask) in masks)
        {
            var single = extractor.Extract(mask, Size, Size, 4, label).Line!;
            var fromLabels = frame.Lines.Single(l => l.Label == label);
            Assert.Equal(single.Pixels, fromLabels.Pixels);
            Assert.Equal(LineMasks.Count(mask), fromLabels.Pixels);
            Assert.Equal(single.Length, fromLabels.Length, 1e-9);
            Assert.Equal(single.Points.Length, fromLabels.Points.Length);
            for (var i = 0; i < single.Points.Length; i++)
            {
                Assert.Equal(0.0, single.Points[i].DistanceTo(fromLabels.Points[i]), 1e-9);
            }
        }

        // Reusing the engine on another frame and back leaves no state behind.
        extractor.ExtractLabels(new ushort[Size * Size], Size, Size, 5);
        var again = extractor.ExtractLabels(labels, Size, Size, 4);
        Assert.Equal(frame.Lines.Count, again.Lines.Count);
        for (var n = 0; n < frame.Lines.Count; n++)
        {
            Assert.Equal(frame.Lines[n].Points, again.Lines[n].Points);
        }
    }

    [Fact]
    public void ProbabilitiesGiveTheSameLineAsBytes()
    {
        var mask = LineMasks.Draw(LineMasks.Arc(new PointD(160, 60), 80, 0.5, 2.5), 2.0);

        // 0.7 and 0.2 around the 0.5 threshold: the same foreground as the 0/255 mask.
        var probabilities = mask.Select(v => v != 0 ? 0.7f : 0.2f).ToArray();
        var extractor = new LineExtractor(LineOptions.Default);
        var fromBytes = extractor.Extract(mask, Size, Size, 0, 1).Line!;
        var fromFloats = extractor.Extract(probabilities, Size, Size, 0, 1).Line!;
        Assert.Equal(fromBytes.Points, fromFloats.Points);
        Assert.Equal(fromBytes.Length, fromFloats.Length);
    }

    [Fact]
    public void EmptyMaskIsDroppedWithItsReason()
    {
        var extractor = new LineExtractor(LineOptions.Default);
        var result = extractor.Extract(new byte[Size * Size], Size, Size, 2, 9);
        Assert.Null(result.Line);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(MaskIssueKind.EmptyMask, issue.Kind);
        Assert.Same(issue, result.DropReason);
        Assert.Equal("frame 2, label 9: empty mask (no pixel at or above the threshold); no line", issue.ToString());

        // A probability map just below the threshold is empty too.
        var faint = Enumerable.Repeat(0.49f, Size * Size).ToArray();
        Assert.Equal(MaskIssueKind.EmptyMask, extractor.Extract(faint, Size, Size, 2, 9).DropReason!.Kind);
    }

    [Fact]
    public void OnePixelSpeckIsDropped()
    {
        var mask = new byte[Size * Size];
        mask[(100 * Size) + 50] = 255;
        var speck = new LineExtractor(LineOptions.Default).Extract(mask, Size, Size, 0, 1);
        Assert.Null(speck.Line);
        Assert.Equal(MaskIssueKind.Speck, speck.DropReason!.Kind);
        Assert.Equal(1.0, speck.DropReason.Amount);

        // Without the speck filter the pixel becomes a one-point line of length 0: too short.
        var keepAll = new LineExtractor(new LineOptions(Mask: new MaskLineOptions(MinPixels: 0)));
        var dot = keepAll.Extract(mask, Size, Size, 0, 1);
        Assert.Null(dot.Line);
        Assert.Equal(MaskIssueKind.TooShort, dot.DropReason!.Kind);

        // A 2-px-long blob survives MinPixels but not MinLength (3 px).
        var blob = LineMasks.Draw([new PointD(50, 50.5), new PointD(52.5, 50.5)], 1.0);
        var shortLine = keepAll.Extract(blob, Size, Size, 0, 1);
        Assert.Equal(MaskIssueKind.TooShort, shortLine.DropReason!.Kind);
        Assert.InRange(shortLine.DropReason.Amount, 0.5, 3.0);
    }

    [Fact]
    public void BranchingMaskKeepsItsLongestPathAndCountsTheBranch()
    {
        // A T: a 200 px bar from (40, 100) to (240, 100) and a 40 px stem down from its middle.
        var mask = LineMasks.Draw([new PointD(40, 100), new PointD(240, 100)], 2.0);
        var stem = LineMasks.Draw([new PointD(140, 100), new PointD(140, 140)], 2.0);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] |= stem[i];
        }

        var result = new LineExtractor(LineOptions.Default).Extract(mask, Size, Size, 0, 1);
        var line = result.Line!;

        // The longest path runs from a bar end to the stem's foot (about 100 + 40 px) or bar end to bar end (200 px):
        // the bar wins, and the stem (about 40 skeleton pixels) is dropped.
        Assert.InRange(line.Length, 197.0, 203.0);
        Assert.All(line.Points, p => Assert.InRange(p.Y, 99.0, 102.0));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(MaskIssueKind.Branched, issue.Kind);
        Assert.InRange(issue.Amount, 30.0, 42.0);
        Assert.False(issue.Dropped);
        Assert.Null(result.DropReason);
    }

    [Fact]
    public void SeveralComponentsKeepTheLargestAndAreCounted()
    {
        var big = LineMasks.Draw([new PointD(30, 50), new PointD(230, 50)], 2.0);
        var small = LineMasks.Draw([new PointD(30, 150), new PointD(90, 150)], 2.0);
        var mask = big.Zip(small, (x, y) => (byte)(x | y)).ToArray();
        var result = new LineExtractor(LineOptions.Default).Extract(mask, Size, Size, 0, 1);
        var only = new LineExtractor(LineOptions.Default).Extract(big, Size, Size, 0, 1).Line!;

        // The line is exactly the big component's line, and the mask's two components are reported.
        Assert.Equal(only.Points, result.Line!.Points);
        Assert.Equal(LineMasks.Count(big), result.Line.Pixels);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(MaskIssueKind.SeveralComponents, issue.Kind);
        Assert.Equal(2.0, issue.Amount);
        Assert.Equal("frame 0, label 1: 2 separate components; kept the largest", issue.ToString());
    }

    [Fact]
    public void LabelImageCountsWhatItDropped()
    {
        var labels = new ushort[Size * Size];
        Paint(labels, LineMasks.Draw([new PointD(30, 50), new PointD(230, 50)], 2.0), 1);
        labels[(200 * Size) + 200] = 2; // one-pixel speck
        Paint(labels, LineMasks.Draw([new PointD(30, 100), new PointD(130, 100)], 2.0), 5);
        Paint(labels, LineMasks.Draw([new PointD(30, 140), new PointD(130, 140)], 2.0), 5); // second piece of label 5
        for (var i = 0; i < 9; i++)
        {
            labels[((100 + (i / 3)) * Size) + 250 + (i % 3)] = 6; // a 3 × 3 square: 9 px, but its skeleton is one point
        }

        var frame = new LineExtractor(LineOptions.Default).ExtractLabels(labels, Size, Size, 0);
        Assert.Equal([1, 5], frame.Lines.Select(l => l.Label));
        Assert.Equal(2, frame.Dropped);
        Assert.Equal(1, frame.Count(MaskIssueKind.Speck));
        Assert.Equal(1, frame.Count(MaskIssueKind.TooShort));
        Assert.Equal(1, frame.Count(MaskIssueKind.SeveralComponents));
        Assert.Equal(0, frame.Count(MaskIssueKind.EmptyMask));
        Assert.Equal([2, 5, 6], frame.Issues.Select(i => i.Label));
        Assert.Equal(MaskIssueKind.Speck, frame.Issues[0].Kind);
        Assert.Equal(MaskIssueKind.TooShort, frame.Issues[2].Kind);
    }

    [Fact]
    public void FrameFromMasksKeepsTheirOrder()
    {
        var extractor = new LineExtractor(LineOptions.Default);
        var results = new[]
        {
            extractor.Extract(LineMasks.Draw([new PointD(30, 50), new PointD(230, 50)], 2.0), Size, Size, 3, 1),
            extractor.Extract(new byte[Size * Size], Size, Size, 3, 2),
            extractor.Extract(LineMasks.Draw([new PointD(30, 90), new PointD(230, 120)], 2.0), Size, Size, 3, 3),
        };
        var frame = FrameLines.FromMasks(3, results);
        Assert.Equal([1, 3], frame.Lines.Select(l => l.Label));
        Assert.Equal(1, frame.Count(MaskIssueKind.EmptyMask));
        Assert.Throws<ArgumentException>(() => FrameLines.FromMasks(4, results));
    }

    [Fact]
    public void WrongBufferSizesAreRejected()
    {
        var extractor = new LineExtractor(LineOptions.Default);
        Assert.Throws<ArgumentException>(() => extractor.Extract(new byte[100], 10, 11, 0, 1));
        Assert.Throws<ArgumentException>(() => extractor.Extract(new float[100], 11, 10, 0, 1));
        var e = Assert.Throws<ArgumentException>(() => extractor.ExtractLabels(new ushort[100], 10, 9, 0));
        Assert.Contains("10×9", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => extractor.ExtractLabels(new ushort[100], -10, -10, 0));
    }

    [Theory]
    [InlineData(1, 3.0, 20.0, null, "LineOptions.Points")]
    [InlineData(50, -1.0, 20.0, null, "LineOptions.MinLength")]
    [InlineData(50, 3.0, 0.0, null, "LineOptions.CurvatureSpan")]
    [InlineData(50, 3.0, double.PositiveInfinity, null, "LineOptions.CurvatureSpan")]
    [InlineData(50, 3.0, 20.0, 0.0, "LineOptions.Mask: MaskLineOptions.Threshold")]
    public void BadOptionsNameTheirMember(int points, double minLength, double span, double? threshold, string member)
    {
        var options = new LineOptions(points, threshold is { } t ? new MaskLineOptions(Threshold: t) : null, minLength, span);
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.StartsWith(member, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new LineExtractor(options));
    }

    [Fact]
    public void DefaultsAreThePapersAndDocumented()
    {
        var options = LineOptions.Default;
        Assert.Equal(50, options.Points);
        Assert.Equal(0.5, options.MaskOptions.Threshold);
        Assert.Equal(3.0, options.MinLength);
        Assert.Equal(20.0, options.CurvatureSpan);
        var line = Extract(LineMasks.Draw([new PointD(30, 50), new PointD(230, 80)], 2.0));
        Assert.Equal(50, line.Points.Length);
        Assert.True(LineOrientation.IsCanonical(line.Points));
    }

    private static DislocationLine Extract(byte[] mask)
    {
        var result = new LineExtractor(LineOptions.Default).Extract(mask, Size, Size, 0, 1);
        Assert.Empty(result.Issues);
        return result.Line!;
    }

    // Consecutive points are equally spaced in spline arc length, so the chords between them differ only where the spline
    // bends within one spacing Δ (a chord is shorter than its arc by (κΔ)²/24): the interpolating spline bends most at
    // the staircase knots of tight crests, so 1 % on lines and gentle arcs (measured ≤ 0.6 %), 2 % on the sines with
    // crest radii down to 25 px (measured ≤ 1.6 %).
    private static void AssertEquallySpaced(PointD[] points, double relative)
    {
        var spacing = Polyline.Length(points) / (points.Length - 1);
        for (var i = 1; i < points.Length; i++)
        {
            Assert.Equal(spacing, points[i].DistanceTo(points[i - 1]), spacing * relative);
        }
    }

    private static int Nearest(PointD[] points, double x)
    {
        var best = 0;
        for (var i = 1; i < points.Length; i++)
        {
            best = Math.Abs(points[i].X - x) < Math.Abs(points[best].X - x) ? i : best;
        }

        return best;
    }

    private static void Paint(ushort[] labels, byte[] mask, ushort label)
    {
        for (var i = 0; i < mask.Length; i++)
        {
            labels[i] = mask[i] != 0 ? label : labels[i];
        }
    }

    // Four non-touching lines with labels 3, 7, 12 and 300 (drawn in a scrambled order).
    private static (ushort[] Labels, (int Label, byte[] Mask)[] Masks) LabelScene()
    {
        var masks = new (int Label, byte[] Mask)[]
        {
            (12, LineMasks.Draw(LineMasks.Arc(new PointD(160, 60), 80, 0.5, 2.5), 2.0)),
            (3, LineMasks.Draw([new PointD(20.5, 20.2), new PointD(300.1, 40.7)], 1.5)),
            (300, LineMasks.Draw(LineMasks.Sine(20, 300, 260, 10, 120), 2.5)),
            (7, LineMasks.Draw([new PointD(290, 60), new PointD(270, 200)], 2.0)),
        };
        var labels = new ushort[Size * Size];
        foreach (var (label, mask) in masks)
        {
            Paint(labels, mask, (ushort)label);
        }

        return (labels, masks);
    }
}
