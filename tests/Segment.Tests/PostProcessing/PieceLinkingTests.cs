using Dislocate.Core.Geometry;
using Dislocate.Segment.Evaluation;
using Dislocate.Segment.PostProcessing;
using Dislocate.Segment.Tests.Evaluation;

namespace Dislocate.Segment.Tests.PostProcessing;

/// <summary>Joining a line's broken pieces: collinear pieces across a gap are one line; side-by-side or bent ones are not.</summary>
public sealed class PieceLinkingTests
{
    private static (PointD[] Points, double Length) Line(double x0, double y0, double x1, double y1)
    {
        var points = Enumerable.Range(0, 50).Select(i => PointD.Lerp(new PointD(x0, y0), new PointD(x1, y1), i / 49.0)).ToArray();
        return (points, new PointD(x0, y0).DistanceTo(new PointD(x1, y1)));
    }

    [Fact]
    public void Collinear_pieces_across_a_gap_are_linked_end_to_start()
    {
        var links = PieceLinking.Links([Line(10, 20, 50, 20), Line(60, 20, 100, 20)], maxGap: 15, maxAngleDegrees: 30);

        var link = Assert.Single(links);
        Assert.Equal((0, false, 1, true), (link.A.Piece, link.A.AtStart, link.B.Piece, link.B.AtStart));
        Assert.Equal(10, link.Cost, 9); // the gap; no bend
    }

    [Fact]
    public void A_gap_wider_than_the_limit_a_bend_beyond_the_angle_and_parallel_neighbours_are_not_linked()
    {
        Assert.Empty(PieceLinking.Links([Line(10, 20, 50, 20), Line(70, 20, 100, 20)], 15, 30));          // 20 px apart
        Assert.Empty(PieceLinking.Links([Line(10, 20, 50, 20), Line(55, 20, 80, 50)], 15, 30));           // turns by 50°
        Assert.Empty(PieceLinking.Links([Line(10, 20, 50, 20), Line(10, 28, 50, 28)], 15, 30));           // side by side, 8 px apart
        Assert.Empty(PieceLinking.Links([Line(10, 20, 50, 20), Line(56, 30, 96, 30)], 15, 30));           // staggered parallel neighbour
        Assert.Single(PieceLinking.Links([Line(10, 20, 50, 20), Line(55, 20, 80, 50)], 15, 60));         // allowed at 60°
    }

    [Fact]
    public void Three_pieces_in_a_row_become_one_chain_without_a_loop()
    {
        var links = PieceLinking.Links([Line(10, 20, 40, 20), Line(75, 20, 100, 20), Line(45, 20, 70, 20)], 10, 30);

        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal(5, l.Cost, 9));
        Assert.Equal([(0, 2), (1, 2)], links.Select(l => (Math.Min(l.A.Piece, l.B.Piece), Math.Max(l.A.Piece, l.B.Piece))).Order());
    }

    [Fact]
    public void A_line_map_broken_in_two_is_one_dislocation_with_a_link_gap_and_two_without()
    {
        const int width = 96, height = 48;
        var left = MaskDrawing.Stroke(width, height, 5, 20, 40, 24, 1.2);
        var right = MaskDrawing.Stroke(width, height, 50, 25, 90, 29, 1.2);
        var map = left.Zip(right, Math.Max).ToArray();
        var stack = MaskDrawing.Stack(width, height, map);

        var apart = InstancePostProcessor.Process(stack, PostProcessingOptions.Default with { LinkGap = 0 });
        var joined = InstancePostProcessor.Process(stack, PostProcessingOptions.Default with { LinkGap = 15 });

        Assert.Equal(2, apart.Instances.Count);
        var line = Assert.Single(joined.Instances);
        Assert.InRange(line.Length, 80, 90);                               // 5..90 along a slope of 9 px: about 85.5
        Assert.Superset(apart.Instances.SelectMany(i => i.Pixels).ToHashSet(), line.Pixels.ToHashSet());
        Assert.InRange(line.Pixels.Length - apart.Instances.Sum(i => i.Pixels.Length), 5, 12); // the bridge across the ~10-px gap
        Assert.Equal(1.0, line.MeanProbability, 9);                        // over the pieces' own pixels
        Assert.Equal(line.Pixels.Length, joined.Labels.Count(l => l == 1));
    }
}
