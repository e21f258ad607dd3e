using Dislocate.Core.Geometry;
using Dislocate.Track.Linking;

namespace Dislocate.Track.Tests.Linking;

public class CollectiveShiftTests
{
    // Six centroids of a pileup, spacings 8 to 16 px along y (irregular, as real pileups are).
    private static readonly PointD[] Pileup = [new(200, 100), new(201, 108), new(202, 118), new(203, 131), new(204, 143), new(205, 159)];

    [Fact]
    public void The_common_shift_of_a_pileup_is_the_strongest_candidate()
    {
        var shift = new PointD(1.5, 6.25);

        // Each line moves by the common shift plus a little jitter of its own.
        double[] jitter = [0.3, -0.2, 0.1, -0.4, 0.2, 0.0];
        var moved = Pileup.Select((p, i) => p + shift + new PointD(jitter[i], -jitter[i])).ToArray();
        var candidates = CollectiveShift.Candidates(Pileup, moved, 20, 3);
        Assert.NotEmpty(candidates);
        Assert.True(candidates[0].DistanceTo(shift) < 0.3, $"first candidate {candidates[0]}");

        // The mean of the displacements that voted for it: the jitter averages out.
        var mean = moved.Zip(Pileup, (b, a) => b - a).Aggregate(PointD.Zero, (s, d) => s + d) / moved.Length;
        Assert.Equal(mean.X, candidates[0].X, 9);
        Assert.Equal(mean.Y, candidates[0].Y, 9);
    }

    [Fact]
    public void Lines_that_stay_give_no_candidate_near_no_shift()
    {
        var candidates = CollectiveShift.Candidates(Pileup, Pileup, 20, 5);
        Assert.All(candidates, c => Assert.True(c.Length > 1, $"candidate {c} is no shift"));
    }

    [Fact]
    public void Two_lines_moving_together_are_not_enough()
    {
        PointD[] from = [new(100, 100), new(100, 114)];
        PointD[] to = [new(100, 113), new(100, 128)];
        Assert.Empty(CollectiveShift.Candidates(from, to, 20, 3));
    }

    [Fact]
    public void Shifts_beyond_the_largest_are_not_searched_and_empty_input_gives_none()
    {
        var far = Pileup.Select(p => p + new PointD(30, 0)).ToArray();
        Assert.Empty(CollectiveShift.Candidates(Pileup, far, 20, 3));
        Assert.Single(CollectiveShift.Candidates(Pileup, far, 31, 1));
        Assert.Empty(CollectiveShift.Candidates([], Pileup, 20, 3));
        Assert.Empty(CollectiveShift.Candidates(Pileup, Pileup.Select(p => p + new PointD(0, 7)).ToArray(), 20, 0));
    }

    [Fact]
    public void The_same_input_gives_the_same_candidates_in_the_same_order()
    {
        var moved = Pileup.Select(p => p + new PointD(-4, 5)).ToArray();
        Assert.Equal(CollectiveShift.Candidates(Pileup, moved, 20, 3), CollectiveShift.Candidates(Pileup, moved, 20, 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_largest_shift_that_is_not_positive_and_finite_is_refused(double maxShift)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CollectiveShift.Candidates(Pileup, Pileup, maxShift, 3));
    }
}
