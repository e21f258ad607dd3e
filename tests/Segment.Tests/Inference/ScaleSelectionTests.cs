using Dislocate.Segment.Inference;

namespace Dislocate.Segment.Tests.Inference;

/// <summary>
/// The auto-scale rule on candidates measured with model 1.7.0 on the real development video's centre regions
/// (confidence, centre-line pixels in input pixels), resampled as robustness.sh resamples it.
/// </summary>
public sealed class ScaleSelectionTests
{
    private static ScaleCandidate C(double factor, double confidence, double pixels) => new(factor, confidence, pixels);

    [Fact]
    public void AFrameAtTwiceTheMagnification_IsShrunk_WhenEachStepIsClearer()
    {
        Assert.Equal(0.5, ScaleSelection.Pick([C(1, 0.708, 585), C(0.71, 0.872, 7743), C(0.5, 0.909, 9710), C(1.41, 0.682, 290), C(2, 0.670, 68)]));
    }

    [Fact]
    public void AGainAtHalfAlone_WithSeventyOneNoClearer_IsNoReasonToShrink()
    {
        // Real frames at 0.5×: 0.5 was 0.05 more confident with 1.37 times the line (F1 0.06), 0.71 no clearer.
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.770, 631), C(0.71, 0.735, 628), C(0.5, 0.821, 866)]));
    }

    [Fact]
    public void AFrameAtHalfTheMagnification_IsEnlarged_WhenEachEnlargingStepIsClearer()
    {
        // Real frames at 0.5×: F1 0.64 at 2 against 0.31 at 1.
        Assert.Equal(2, ScaleSelection.Pick([C(1, 0.770, 631), C(0.71, 0.735, 628), C(0.5, 0.821, 866), C(1.41, 0.803, 1326), C(2, 0.876, 2047)]));

        // Had 1.41 gained too little, 2 would not be reached.
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.770, 631), C(1.41, 0.780, 1326), C(2, 0.876, 2047)]));
    }

    [Fact]
    public void AtTheTrainingMagnification_FactorOneStays()
    {
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.902, 4789), C(0.71, 0.840, 3557), C(0.5, 0.765, 1174), C(1.41, 0.840, 4063), C(2, 0.576, 76)]));
        Assert.Equal(1, ScaleSelection.Pick([C(1, 0.879, 4160), C(0.71, 0.801, 2469), C(0.5, 0.760, 898), C(1.41, 0.752, 2456), C(2, 0.673, 21)])); // blurred
    }
}
